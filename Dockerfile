# syntax=docker/dockerfile:1
# GraphQL API image. Build:  docker build -t diplomacy-api .
# Run (needs PostgreSQL):    docker run -e DATABASE_URL=postgres://... -p 4000:4000 diplomacy-api
# Without DATABASE_URL it uses embedded PGlite in /app/data (mount a volume there to keep it).

# ---- build: all deps, compile TypeScript (src/ and migrations/ -> dist/) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` runs the build, and the sources are not copied yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ---- runtime: production deps + compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` (the build) would need the dev deps.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
# DATA_DIR defaults to ./data (embedded PGlite when DATABASE_URL is unset).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# No curl in slim images: probe /healthz with node itself.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const r=require('http').get('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz',s=>process.exit(s.statusCode===200?0:1));r.on('error',()=>process.exit(1));r.setTimeout(4000,()=>{r.destroy();process.exit(1)})"]
CMD ["node", "dist/src/main.js"]
