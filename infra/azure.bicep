// Kompetansebot i kommunens Azure: App Service (Linux, Node LTS), Azure Bot med Teams-kanalen,
// Key Vault for hemmelighetene og – valgfritt – Azure Database for PostgreSQL Flexible Server.
// Brukes av `atk provision` (m365agents.yml, arm/deploy) med infra/azure.parameters.json, eller direkte:
//   az deployment group create -g <gruppe> -f infra/azure.bicep -p infra/azure.parameters.json
// Region: Norway East som standard. Azure Bot er en global tjeneste. Finnes en tjeneste eller SKU ikke i
// Norway East for abonnementet, er Sweden Central nærmeste alternativ (parameteren `location`).

@minLength(4)
@maxLength(20)
@description('Grunnnavn for ressursene, f.eks. kompbot-fjordvik (små bokstaver, tall og bindestrek).')
param resourceBaseName string

@description('Region for ressursene. Standard Norway East; Sweden Central er alternativet.')
param location string = 'norwayeast'

@description('Entra-app-id (client id) for boten, fra botAadApp/create.')
param botAadAppClientId string

@secure()
@description('Klienthemmeligheten til Entra-appen. Lagres i Key Vault, aldri som klartekst i app-innstillingene.')
param botAadAppClientSecret string

@allowed(['MultiTenant', 'SingleTenant'])
param botAppType string = 'SingleTenant'

@description('Leietakeren (tenant) boten hører til; kreves for SingleTenant.')
param botTenantId string = tenant().tenantId

@description('Visningsnavnet til boten.')
param botDisplayName string = 'Kompetansebot'

@allowed(['B1', 'B2', 'P0v3', 'P1v3'])
@description('App Service-planen. B1 holder for en kommune; P-nivåene gir flere kjerner og sone-redundans.')
param webAppSku string = 'B1'

@allowed(['22-lts', '24-lts'])
@description('Node.js LTS-versjonen App Service kjører.')
param nodeVersion string = '22-lts'

@description('Hvem boten viser til når den ikke finner svaret (HR_CONTACT).')
param hrContact string = ''

@description('true: opprett PostgreSQL Flexible Server og bruk den (STORAGE=postgres). false: lowdb-fil på /home (bare én instans).')
param usePostgres bool = false

@secure()
@description('Administratorpassordet til PostgreSQL (kreves når usePostgres=true).')
param postgresAdminPassword string = ''

param postgresAdminLogin string = 'kompetansebot'

@allowed(['Standard_B1ms', 'Standard_B2s', 'Standard_D2ds_v5'])
param postgresSku string = 'Standard_B1ms'

var tags = { app: 'kompetansebot' }
var webAppName = resourceBaseName
var keyVaultName = take('kv-${replace(resourceBaseName, '-', '')}-${uniqueString(resourceGroup().id)}', 24)
var postgresServerName = '${resourceBaseName}-pg-${uniqueString(resourceGroup().id)}'
var postgresDatabase = 'kompetansebot'
// Innebygd Azure-rolle «Key Vault Secrets User» (lese hemmeligheter).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: webAppSku }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      alwaysOn: true
      healthCheckPath: '/api/health'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // The deploy folder holds dist/ and production node_modules; nothing is built on the server.
      appCommandLine: 'node --enable-source-maps dist/main.js'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAadAppClientSecret }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2023-06-01-preview' = if (usePostgres) {
  name: postgresServerName
  location: location
  tags: tags
  sku: { name: postgresSku, tier: startsWith(postgresSku, 'Standard_B') ? 'Burstable' : 'GeneralPurpose' }
  properties: {
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource postgresDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2023-06-01-preview' = if (usePostgres) {
  parent: postgres
  name: postgresDatabase
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// 0.0.0.0–0.0.0.0 is Azure's rule for «tillat Azure-tjenester»: the web app reaches the server without a VNet.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2023-06-01-preview' = if (usePostgres) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (usePostgres) {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgresServerName}.postgres.database.azure.com:5432/${postgresDatabase}?sslmode=require'
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

var baseSettings = {
  BOT_MODE: 'cloud'
  BOT_APP_ID: botAadAppClientId
  BOT_APP_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
  BOT_APP_TYPE: botAppType
  BOT_TENANT_ID: botTenantId
  PUBLIC_BASE_URL: 'https://${webApp.properties.defaultHostName}'
  // /home survives restarts and redeploys on App Service; lowdb keeps its file there (one instance only).
  DATA_FILE: '/home/data/kompetansebot.json'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  WEBSITES_CONTAINER_START_TIME_LIMIT: '600'
}
var storageSettings = usePostgres
  ? { STORAGE: 'postgres', DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})' }
  : { STORAGE: 'lowdb' }
var optionalSettings = empty(hrContact) ? {} : { HR_CONTACT: hrContact }

resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(baseSettings, storageSettings, optionalSettings)
  dependsOn: [webAppReadsSecrets]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botTenantId : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

// The toolkit writes outputs to env/.env.<miljø> with the names upper-cased (arm/deploy naming rule).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output KEY_VAULT_NAME string = vault.name
output POSTGRES_SERVER string = usePostgres ? '${postgresServerName}.postgres.database.azure.com' : ''
