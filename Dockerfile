# One image for the API and the worker (different commands in docker-compose.yml).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
RUN corepack enable
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json ./
COPY packages ./packages
COPY connectors ./connectors
COPY designer ./designer
RUN pnpm install --frozen-lockfile
RUN cd designer && pnpm exec vite build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=deps /app /app
USER node
EXPOSE 3000 2525
CMD ["node", "packages/api/src/server.ts"]
