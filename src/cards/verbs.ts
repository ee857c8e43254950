/**
 * Every card action verb. Templates in cards/*.json use these strings; a test checks that
 * each verb in a template has a route and each route's verb is used.
 */
export const VERBS = {
  /** Ask a question typed into a card (Action.Submit). */
  qaAsk: 'qa.ask',
  /** Show one entry, e.g. a «Mente du …?» choice (Action.Submit). */
  qaShow: 'qa.show',
  /** «Var dette nyttig?» (Action.Execute, updates the card in place). */
  qaFeedback: 'qa.feedback',
  /** Show the help card (Action.Submit). */
  help: 'help.show',
  // registration
  /** «Min kompetanse»: the overview of the employee's own registration (Action.Execute). */
  registrationOpen: 'registration.open',
  /** Open one section's form; with `index`, edit that entry (Action.Execute). */
  registrationSection: 'registration.section',
  /** Save the section the card shows (Action.Execute, carries the version). */
  registrationSave: 'registration.save',
  /** Remove one entry from a section (Action.Execute, carries the version). */
  registrationRemove: 'registration.remove',
  /** Export the registration as JSON or CSV: a one-time link (Action.Execute). */
  registrationExport: 'registration.export',
  /** Ask to delete the whole registration: shows the confirmation (Action.Execute). */
  registrationDelete: 'registration.delete',
  /** Confirmed deletion (Action.Execute). */
  registrationDeleteConfirm: 'registration.delete.confirm',
  // gap
  /** Page the unit picker (Action.Execute). */
  gapUnits: 'gap.units',
  /** A unit's gap overview: open, page, filter by position (Action.Execute in place; Action.Submit from other cards). */
  gapUnit: 'gap.unit',
  /** One person's gap with measures (Action.Submit, a new card). */
  gapPerson: 'gap.person',
  /** Coverage heatmap of a unit or the municipality (Action.Submit opens, Action.Execute pages). */
  gapCoverage: 'gap.coverage',
  /** Mobilisation potential of a unit (Action.Submit). */
  gapMobilisation: 'gap.mobilisation',
  /** Suggested measures for a unit (Action.Submit). */
  gapMeasures: 'gap.measures',
  /** CSV export links for a unit (Action.Submit). */
  gapExport: 'gap.export',
  /** Page the municipality overview (Action.Execute). */
  gapMunicipality: 'gap.municipality',
  // delivery
  /** HR's «Installer boten for …» list: open, page, refresh (Action.Execute). */
  installStatus: 'install.status',
  /** «Be … installere Kompetansebot»: sends a card with the install link to forward (Action.Submit; optional employeeId). */
  installRequest: 'install.request',
  /** The same list as a one-time CSV link (Action.Execute). */
  installStatusCsv: 'install.status.csv',
  // broadcast
  /** HR: preview a composed message (Action.Execute, carries the draft id). */
  broadcastPreview: 'broadcast.preview',
  /** HR: back from the preview to the form with the values (Action.Execute). */
  broadcastEdit: 'broadcast.edit',
  /** HR: send the previewed message; the draft id makes a double click harmless (Action.Execute). */
  broadcastSend: 'broadcast.send',
  /** HR: «Oppdater» on the progress card; the final report once done (Action.Execute). */
  broadcastProgress: 'broadcast.progress',
  /** HR: «Avbryt utsending» (Action.Execute). */
  broadcastCancel: 'broadcast.cancel',
  /** HR: the per-recipient report as a one-time CSV link (Action.Execute). */
  broadcastCsv: 'broadcast.csv',
  /** Recipient: «Bekreft lest» (Action.Execute). */
  broadcastAck: 'broadcast.ack',
  // arshjul
  /** «Hva skjer i årshjulet nå?» as a new card, e.g. from an escalation (Action.Submit). */
  arshjulNow: 'arshjul.now',
  /** «Ferdig» on an årshjul task; carries the task key and which card to return (Action.Execute). */
  arshjulDone: 'arshjul.done',
  /** «Minn meg på igjen …» with the chosen instant (Action.Execute). */
  arshjulSnooze: 'arshjul.snooze',
  /** A new one-time link to the årshjul as an .ics file (Action.Submit). */
  arshjulIcs: 'arshjul.ics',
  /** HR: «Rediger årshjulet» from the årshjul card, the editor as a new card (Action.Submit). */
  arshjulEdit: 'arshjul.edit',
  /** HR: the editor's list of events; paging, «Avbryt» (Action.Execute). */
  arshjulEditList: 'arshjul.edit.list',
  /** HR: the form of one event, or of a new one with an empty `eventId` (Action.Execute, carries the version). */
  arshjulEditOpen: 'arshjul.edit.open',
  /** HR: save the event if the whole årshjul validates and nobody saved meanwhile (Action.Execute, carries the version). */
  arshjulEditSave: 'arshjul.edit.save',
  /** HR: «Slett» – shows the confirmation (Action.Execute). */
  arshjulEditDelete: 'arshjul.edit.delete',
  /** HR: confirmed deletion of one event (Action.Execute, carries the version). */
  arshjulEditDeleteConfirm: 'arshjul.edit.delete.confirm',
  /** HR: «Tilbakestill til standard årshjul» – shows the confirmation (Action.Execute). */
  arshjulEditReset: 'arshjul.edit.reset',
  /** HR: confirmed reset to the shipped file (Action.Execute, carries the version). */
  arshjulEditResetConfirm: 'arshjul.edit.reset.confirm',
  // samtale
  /** The leader's list of reports to start a medarbeidersamtale with; paging (Action.Execute). */
  samtaleReports: 'samtale.reports',
  /** Pick a report: shows the date form (Action.Execute). */
  samtalePick: 'samtale.pick',
  /** Start the samtale on the chosen date and invite the employee (Action.Execute). */
  samtaleStart: 'samtale.start',
  /** The viewer's samtaler («mine samtaler»), to resume one (Action.Execute). */
  samtaleMine: 'samtale.mine',
  /** One samtale's overview for the viewer (Action.Execute; also on proactive cards). */
  samtaleOpen: 'samtale.open',
  /** One section of the viewer's own preparation (Action.Execute). */
  samtaleSection: 'samtale.section',
  /** Save the section's answers, then show the next or the same section (Action.Execute, carries the version). */
  samtaleSave: 'samtale.save',
  /** Submit the preparation (Action.Execute, carries the version). */
  samtaleSubmit: 'samtale.submit',
  /** The leader starts the conversation: both preparations side by side (Action.Execute, carries the version). */
  samtaleBegin: 'samtale.begin',
  /** The conversation card at one section (Action.Execute). */
  samtaleConduct: 'samtale.conduct',
  /** Add a shared or private note (Action.Execute, carries the version). */
  samtaleNote: 'samtale.note',
  /** Add an agreed action (Action.Execute, carries the version). */
  samtaleAction: 'samtale.action',
  /** Add a development-plan item (Action.Execute, carries the version). */
  samtaleDevPlan: 'samtale.devplan',
  /** Close or carry on an open action from the previous samtale (Action.Execute, carries the version). */
  samtalePrevious: 'samtale.previous',
  /** Remove a note, action or plan item added in this conversation (Action.Execute, carries the version). */
  samtaleRemove: 'samtale.remove',
  /** Send the referat to both (Action.Execute, carries the version). */
  samtaleReferat: 'samtale.referat',
  /** The employee confirms the referat, optionally with a comment (Action.Execute, carries the version). */
  samtaleConfirm: 'samtale.confirm',
  /** A remark on a sent or confirmed referat (Action.Execute, carries the version). */
  samtaleComment: 'samtale.comment',
  /** The referat as a document: a one-time link (Action.Execute). */
  samtaleExport: 'samtale.export',
  /** The leader's overview of her reports this year («samtaleoversikt»); paging (Action.Execute). */
  samtaleTeam: 'samtale.team',
  /** HR's counts per unit this year, never content; paging (Action.Execute). */
  samtaleHr: 'samtale.hr',
  /** Mark an agreed action as done, from the referat (Action.Execute, carries the version). */
  samtaleComplete: 'samtale.complete',
  /** Leader: «Flytt dato» shows the date form (Action.Execute, carries the version). */
  samtaleReschedule: 'samtale.reschedule',
  /** Leader: save the new date from the form (Action.Execute, carries the version). */
  samtaleRescheduleSave: 'samtale.reschedule.save',
  /** Leader: «Avlys» asks for confirmation (Action.Execute, carries the version). */
  samtaleCancel: 'samtale.cancel',
  /** Leader: the confirmed cancellation (Action.Execute, carries the version). */
  samtaleCancelConfirm: 'samtale.cancel.confirm',
  /** Leader: «Åpne referatet igjen» on a sent, unconfirmed referat (Action.Execute, carries the version). */
  samtaleReopen: 'samtale.reopen',
  /** The employee carries their own draft from a samtale ended at a leader change into a new one (Action.Execute, carries the version). */
  samtaleCarry: 'samtale.carry',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
