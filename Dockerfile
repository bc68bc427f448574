# Stage 1 builds the phone app (Vite and its plugins are dev dependencies).
FROM node:20-bookworm-slim AS web
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./web
RUN npm run build:web

# Stage 2 is what runs: production dependencies, the service and the built app.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# pg_dump and pg_restore for backups (npm run backup, the nightly job); 15 as the compose file's PostgreSQL.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY --from=web /build/dist/web ./dist/web
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/server.ts"]
