/** Messages: refusals, proactive notices and the reminder before an action's due date. */
import type { AdaptiveCardJson } from '../../../cards/define-card.js';
import { type SamtaleNotice } from '../views.js';
import { messageCard } from './templates.js';
import { plain } from './shared.js';

// Messages (refusals, proactive notices)

export function renderMessage(opts: {
  heading: string;
  text: string;
  detail?: string;
  style?: 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis';
  button?: { kind: 'prepare' | 'open'; title: string; samtaleId: string };
  showMine?: boolean;
}): AdaptiveCardJson {
  return messageCard.render({
    heading: opts.heading,
    text: opts.text,
    detail: opts.detail ?? '',
    style: opts.style ?? 'default',
    button: opts.button?.kind ?? 'none',
    buttonTitle: opts.button?.title ?? '',
    samtaleId: opts.button?.samtaleId ?? '',
    showMine: opts.showMine ?? true,
  });
}

/** A refusal from the service, shown as is, with a way back to a fresh card. */
export function renderRefusal(reason: string, samtaleId?: string): AdaptiveCardJson {
  return renderMessage({
    heading: 'Ikke gjort',
    text: reason,
    style: 'attention',
    ...(samtaleId ? { button: { kind: 'open' as const, title: 'Åpne samtalen på nytt', samtaleId } } : {}),
  });
}

/** The proactive card for one notification intent (invitation, referat sent, …). */
/**
 * A proactive notice. `toSelf`: the copy to the one who did it (the leader's own copy of the
 * referat), worded for her – only the employee confirms a referat.
 */
export function renderNotice(n: Pick<SamtaleNotice, 'kind' | 'samtaleId' | 'fromName' | 'employeeName' | 'scheduledForText'> & { toSelf?: boolean }): AdaptiveCardJson {
  const open = (title: string) => ({ kind: 'open' as const, title, samtaleId: n.samtaleId });
  switch (n.kind) {
    case 'invitasjon':
      return renderMessage({
        heading: 'Du er invitert til medarbeidersamtale',
        text: `${n.fromName} har invitert deg til medarbeidersamtale ${n.scheduledForText}. Forbered deg i god tid: svar på spørsmålene én del om gangen. Alt lagres underveis, og du kan fortsette senere.`,
        detail: 'Det du skriver, ser lederen først når dere begge har sendt inn forberedelsen, eller når samtalen starter.',
        style: 'accent',
        button: { kind: 'prepare', title: 'Forbered deg', samtaleId: n.samtaleId },
      });
    case 'forberedelse-sendt':
      return renderMessage({ heading: 'Forberedelsen er sendt inn', text: `${n.fromName} har sendt inn forberedelsen til samtalen ${n.scheduledForText}.`, button: open('Åpne samtalen') });
    case 'ny-dato':
      return renderMessage({ heading: 'Ny dato for medarbeidersamtalen', text: `Samtalen er flyttet til ${n.scheduledForText}.`, button: open('Åpne samtalen') });
    case 'samtale-startet':
      return renderMessage({
        heading: 'Medarbeidersamtalen er startet',
        text: `${n.fromName} har startet medarbeidersamtalen med deg. Dere ser nå begge forberedelsene. Referatet får du når ${n.fromName} sender det, og da bekrefter du det.`,
        style: 'accent',
        button: open('Åpne samtalen'),
      });
    case 'referat-sendt':
      if (n.toSelf)
        return renderMessage({
          heading: 'Referatet fra medarbeidersamtalen er klart',
          text: `Referatet fra samtalen ${n.scheduledForText} med ${n.employeeName} er klart. ${n.employeeName} leser det og bekrefter det eller legger til en kommentar – du får beskjed når det er gjort.`,
          style: 'accent',
          button: open('Les referatet'),
        });
      return renderMessage({
        heading: 'Referatet fra medarbeidersamtalen er klart',
        text: `Referatet fra samtalen ${n.scheduledForText} mellom ${n.employeeName} og ${n.fromName} er sendt. Les det, og bekreft det eller legg til en kommentar.`,
        style: 'accent',
        button: open('Les referatet'),
      });
    case 'referat-gjenapnet':
      return renderMessage({ heading: 'Referatet er åpnet igjen', text: `${n.fromName} har åpnet referatet igjen for å rette det. Du får det på nytt når det er sendt.`, button: open('Åpne samtalen') });
    case 'bekreftet':
      return renderMessage({ heading: 'Referatet er bekreftet', text: `${n.fromName} har bekreftet referatet fra samtalen ${n.scheduledForText}. Det er nå låst.`, button: open('Åpne samtalen') });
    case 'kommentar':
      return renderMessage({ heading: 'Ny kommentar til referatet', text: `${n.fromName} har lagt til en kommentar til referatet fra samtalen ${n.scheduledForText}.`, button: open('Les kommentaren') });
    case 'avlyst':
      return renderMessage({ heading: 'Medarbeidersamtalen er avlyst', text: `${n.fromName} har avlyst samtalen ${n.scheduledForText}.`, style: 'warning' });
    case 'lederbytte':
      return renderMessage({
        heading: 'Medarbeidersamtalen er avsluttet ved lederbytte',
        text: `Nærmeste leder er endret for deg i organisasjonsoversikten, så samtalen ${n.scheduledForText} med den tidligere lederen er avsluttet. Ingenting fra den er gitt videre til en ny leder.`,
        detail: 'Forberedelsen din er fortsatt bare din: ingen av lederne kan se den. Når du blir invitert til en ny samtale, kan du velge å ta den med.',
        style: 'warning',
        button: open('Åpne samtalen'),
      });
    case 'lederbytte-tidligere':
      return renderMessage({
        heading: 'Medarbeidersamtalen er avsluttet ved lederbytte',
        text: `${n.employeeName} har fått ny nærmeste leder, så samtalen ${n.scheduledForText} er avsluttet. Du har ikke lenger tilgang til den.`,
        style: 'warning',
      });
    case 'tiltak-overtatt':
      return renderMessage({
        heading: 'Tiltak å følge opp',
        text: `${n.employeeName} har deg som nærmeste leder nå. I den bekreftede samtalen ${n.scheduledForText} med ${n.fromName} ble det avtalt tiltak som ikke er fullført. Du ser tiltakene, ikke notatene eller forberedelsene fra samtalen.`,
        style: 'accent',
        button: open('Se tiltakene'),
      });
    case 'lederbytte-ny':
      return renderMessage({
        heading: 'Ny medarbeider: samtalen med forrige leder er avsluttet',
        text: `${n.employeeName} har deg som nærmeste leder nå. Medarbeidersamtalen ${n.scheduledForText} med den tidligere lederen ble avsluttet ved lederbytte, og innholdet følger ikke med. Skriv «start medarbeidersamtale med ${n.employeeName}» for å avtale en ny.`,
        style: 'accent',
      });
  }
}

/** The reminder before an agreed action's due date. */
export function renderActionReminder(r: { what: string; dueDateText: string; daysLeft: number; scheduledForText: string; samtaleId: string }): AdaptiveCardJson {
  const when = r.daysLeft <= 0 ? 'i dag' : r.daysLeft === 1 ? 'i morgen' : `om ${r.daysLeft} dager (${r.dueDateText})`;
  return renderMessage({
    heading: `Frist for et tiltak ${when}`,
    text: `«${plain(r.what)}» har frist ${r.dueDateText}. Tiltaket ble avtalt i medarbeidersamtalen ${r.scheduledForText}.`,
    style: 'warning',
    button: { kind: 'open', title: 'Åpne samtalen', samtaleId: r.samtaleId },
  });
}
