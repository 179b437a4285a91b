# The single interface to the project: every target calls an npm script or docker compose.
# Variables: SOURCE (seed set folder), SEEDS (folder of seed sets), MEMBERS (scale).
SHELL := /bin/bash
COMPOSE := docker compose -f docker/docker-compose.yml --env-file config/dev.env
SOURCE ?= data/seeds/$(shell ls data/seeds 2>/dev/null | head -1)
SEEDS ?= data/seeds
MEMBERS ?= 5000

.PHONY: bootstrap lint format typecheck test test-unit test-integration migrate migrate-revert migrate-show \
        db-up db-down clean generate generate-incremental load-full load-incremental dq cube serve demo bench docs

bootstrap: ## install dependencies exactly as locked
	npm ci

lint: ## ESLint and Prettier check
	npm run lint

format: ## rewrite sources with Prettier and ESLint fixes
	npm run format

typecheck:
	npm run typecheck

test: ## unit + integration tests (PGlite; also PostgreSQL when TEST_DATABASE_URL is set)
	npm test

test-unit:
	npm run test:unit

test-integration:
	npm run test:integration

migrate: ## apply pending migrations (PGlite, or DATABASE_URL)
	npm run migration:run

migrate-revert:
	npm run migration:revert

migrate-show:
	npm run migration:show

db-up: ## start PostgreSQL 16 in docker and wait for its health check
	$(COMPOSE) up -d --wait

db-down:
	$(COMPOSE) down

clean: ## remove generated data, reports and build output (keeps the docker volume)
	npm run clean

generate: ## write a full seed set into data/seeds
	npm run generate -- --out $(SEEDS) --members $(MEMBERS)

load-full: ## load one seed set from scratch: make load-full SOURCE=data/seeds/20250101T000000Z
	npm run etl -- --mode full --source $(SOURCE)

load-incremental: ## load every seed set newer than the last succeeded batch
	npm run etl -- --mode incremental --source $(SEEDS)

dq: ## run all data-quality checks and write reports/
	npm run dq

cube: ## example cube query
	npm run cube -- --measures paid,pmpm --by metal_tier

serve: ## dashboard and read-only API on HTTP_PORT
	npm run serve

demo: ## generate, load full + two incrementals, check and report (embedded PGlite)
	npm start

bench: ## stage-by-stage benchmark: make bench MEMBERS=100000
	npm run bench -- --members $(MEMBERS)

docs: ## data dictionary and TypeDoc API reference into docs/
	npm run docs
