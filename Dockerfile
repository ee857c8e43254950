# Kompetansebot som container: bygges med utviklingsavhengighetene, kjøres med bare produksjonsavhengighetene.
#   docker build -t kompetansebot .
#   docker run -p 3978:3978 -v kompetansebot-data:/data --env-file kompetansebot.env kompetansebot
# Med PostgreSQL: se compose.yaml. Node 22 LTS (Node 20 er utgått).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# botbuilder-dialogs' postinstall calls npx; allow it without a prompt.
RUN npm_config_yes=true npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim AS run
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_FILE=/data/kompetansebot.json
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the one install script among production dependencies only tidies nested copies.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY content ./content
COPY cards ./cards
COPY assets ./assets
COPY appPackage ./appPackage
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/main.js"]
