// Generated from the API's OpenAPI document by scripts/generate-api-types.mjs: do not edit.

export interface paths {
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's keys (an admin: every key of the organization), revoked ones included
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An admin's filter: one member's keys. */
                    user_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the answer holds the key, shown this once
         * @description The key acts in the caller's organization with its user's role there. Format `ohf_<key id>_<secret>` (secret: 32 random bytes, URL-safe base64); storage keeps only its sha256.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateApiKeyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiKey"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a key
         * @description Takes effect at once on this server and within `api.auth.key_cache_ms` (5 s by default) on every other replica. Revoking a revoked key answers it as it is.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One-click apps: Linode StackScripts and DigitalOcean Marketplace apps
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only this provider instance. */
                    provider?: string;
                    provider_type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogAppList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Images of the provider instances
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only this provider instance. */
                    provider?: string;
                    provider_type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogImageList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Plans with prices (base + markup), filtered and sorted
         * @description Reads the stored catalog; POST /catalog/sync refreshes it. Base prices are shown to admin keys only.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description At least this many GPUs. */
                    gpus?: number;
                    limit?: number;
                    min_memory_gb?: number;
                    min_vcpus?: number;
                    /** @description Only this provider instance. */
                    provider?: string;
                    /** @description Only instances of this provider type: aws, linode, digitalocean. */
                    provider_type?: string;
                    /** @description Only plans offered in this region. */
                    region?: string;
                    /** @description Cheapest first by default; unknown prices last. */
                    sort?: "price" | "vcpus" | "memory";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogPlanList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Regions of the provider instances
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only this provider instance. */
                    provider?: string;
                    provider_type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogRegionList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read the catalog from the providers now
         * @description Each instance is read independently: one that fails keeps its stored catalog and is reported with ok=false. Needs the admin scope.
         *
         *     Access: platform admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Only this provider instance; every enabled one when absent. */
                        provider?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogSyncResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the machines cost per provider instance or template, and the hourly spend now
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Group by provider instance or template. */
                    group_by?: "provider" | "template";
                    /** @description Only machines not yet ended: what runs now and costs per hour. */
                    running_only?: "true" | "false";
                    /** @description Start of the period (ISO 8601); absent: every machine from its launch. */
                    since?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CostSummary"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail of the caller's organization, oldest first
         * @description Every domain event (request accepted, attempts, failovers, machine states, returns, cancellations) and every mutating API call, paged by sequence: pass the answer’s `next` as `after` for the following page.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Events after this sequence: the `next` of the previous page. */
                    after?: number;
                    /** @description Page size (1–1000). */
                    limit?: number;
                    /** @description Only events about this machine. */
                    machine_id?: string;
                    /** @description Only events about this request. */
                    request_id?: string;
                    /** @description Events at or after this time (ISO 8601). */
                    since?: string;
                    /** @description Only these event types (comma-separated or repeated). */
                    type?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventPage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail of the caller's organization, live (Server-Sent Events)
         * @description A `text/event-stream` of AuditEvent messages, each with `id:` = its sequence. Reconnecting with `Last-Event-ID` (EventSource does) resumes exactly after the last event received; `?after=` does the same for other clients, `after=0` replays the stored trail first. Comment lines keep a quiet stream open; the stream ends after `api.events.max_duration_ms` or at shutdown, and the client reconnects.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Start after this sequence (0: from the oldest stored event). Without it (and without Last-Event-ID) the stream starts with the events written from now on. */
                    after?: number;
                    /** @description Only events about this machine. */
                    machine_id?: string;
                    /** @description Only events about this request. */
                    request_id?: string;
                    /** @description Only these event types (comma-separated or repeated). */
                    type?: string[];
                };
                header?: {
                    /** @description Sent by EventSource on reconnection: the stream resumes after this sequence (wins over `after`). */
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream: one AuditEvent per message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/machines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List machines
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Page size (1–1000). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    provider_instance?: string;
                    request_id?: string;
                    /** @description Only these states (comma-separated or repeated). */
                    state?: ("pending" | "running" | "stopping" | "stopped" | "shutting_down" | "terminated" | "failed" | "unknown")[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MachinePage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/machines/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One machine, by our id (m-…) or its cloud id
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Narrows a cloud id to one provider instance. */
                    provider_instance?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Machine"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/machines/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Boot, shut down or reboot one machine
         * @description Sends the action to the machine's provider instance (AWS StartInstances/StopInstances/RebootInstances, Linode boot/shutdown/reboot, DigitalOcean power_on/shutdown/reboot), then reads the machine back and records its state. A terminated or returning machine is 409; a provider type without power actions is 422.
         *
         *     Access: operators and admins of the organization.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Narrows a cloud id to one provider instance. */
                    provider_instance?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MachineActionBodyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MachineActionResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's organization, its quotas and its usage
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OwnOrganization"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every organization (platform admins)
         * @description Access: platform admins.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an organization (platform admins)
         * @description Access: platform admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateOrganizationInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Organization"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{organizationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organization (platform admins)
         * @description Access: platform admins.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Organization"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an organization with its memberships and keys (platform admins)
         * @description Refused (409) for the default organization and for one whose machines are not all terminated: return them first.
         *
         *     Access: platform admins.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            organizationId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename an organization or set its quotas (platform admins)
         * @description Access: platform admins.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateOrganizationInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Organization"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/organizations/{organizationId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add an existing user to an organization, or change their role there (platform admins)
         * @description Access: platform admins.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MemberRoleInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{organizationId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user in an organization with a role (platform admins): how an organization gets its first admin
         * @description Access: platform admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUserInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pricing/markups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Markup rules in effect, configured and stored
         * @description Access: admins of the organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MarkupRuleList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pricing/markups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add or replace a stored markup rule
         * @description A stored rule with the id of a configured one replaces it. The most specific rule covering a plan wins (plan > instance > type > all).
         *
         *     Access: admins of the organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The markup rule id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MarkupRuleBodyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MarkupRule"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a stored markup rule
         * @description A configured rule with the same id applies again afterwards; configured rules themselves are changed in the configuration file.
         *
         *     Access: admins of the organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The markup rule id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            id: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Provider instances, with their status and the selection policy
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only instances selection may use now. */
                    healthy_only?: string;
                    provider_type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One provider instance; its settings with credentials masked
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A provider instance, e.g. aws-us-east-1. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Enable or disable a provider instance registered at run time
         * @description A disabled instance is not selected for new work; its machines are still watched and can be returned. The instance is registered again as it is stored (its credentials stay sealed and are never answered), so every replica picks the change up. Configuration-file instances are changed in the configuration (409).
         *
         *     Access: admins of the organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A provider instance, e.g. aws-us-east-1. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProviderChangeInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/providers/{name}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A provider instance's provisioning activity per hour, from the caller's audit trail
         * @description Attempts started, failed and partial attempts, machines launched and the mean attempt time per clock hour (UTC), counted from the audit events of the caller’s organization only (as `GET /events` lists them). At most 20,000 events are read; `truncated` says when the window held more.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Clock hours to cover, the current one included. */
                    hours?: number;
                };
                header?: never;
                path: {
                    /** @description A provider instance, e.g. aws-us-east-1. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderActivity"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{name}/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a provider instance supports: APIs, pricing models, fleet types, limits, performance
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A provider instance, e.g. aws-us-east-1. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderCapabilities"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{name}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health of a provider instance (checked live), with its circuit breaker and capacity blocks
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Run the provider's health check now (it calls the cloud). */
                    check?: string;
                    include_history?: string;
                };
                header?: never;
                path: {
                    /** @description A provider instance, e.g. aws-us-east-1. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderHealth"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{name}/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The templates a provider instance can serve
         * @description Resolved as requests are: templates pinned to the instance (providerName), else those of its provider type (providerType), else those whose providerApi it declares, else, for templates naming none of these, the default instance or type (every instance when none is configured). A template whose providerApi the instance does not declare is never listed.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A provider instance, e.g. aws-us-east-1. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Provider call metrics over a time window
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    include_error_details?: string;
                    include_operation_breakdown?: string;
                    provider_name?: string;
                    time_range_hours?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProviderMetricsList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * getProviderCapabilities
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    include_limitations?: string;
                    include_performance_metrics?: string;
                    provider_name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/configure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * configureProviderStrategy
         * @description Access: platform admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConfigureProviderStrategyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * executeProviderOperation
         * @description Runs one provider operation directly (with automatic selection or strategy_override). Needs the admin scope.
         *
         *     Access: platform admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ExecuteProviderOperationInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * getProviderHealth
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    check?: string;
                    include_details?: string;
                    include_history?: string;
                    provider_name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * listAvailableProviders
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    filter_healthy_only?: string;
                    provider_type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * getProviderMetrics
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    include_error_details?: string;
                    include_operation_breakdown?: string;
                    provider_name?: string;
                    time_range_hours?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * registerProviderStrategy
         * @description Adds a provider instance at run time. Its settings are stored encrypted at rest; the answer never contains them.
         *
         *     Access: admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterProviderStrategyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/select": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * selectProviderStrategy
         * @description Access: operators and admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SelectProviderStrategyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/strategy/update-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * updateProviderHealth
         * @description Access: platform admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateProviderHealthInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StrategyResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List requests in the order they were made
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Include the selection explanation (every candidate provider instance and why it was skipped). */
                    explain?: string;
                    kind?: "acquire" | "return";
                    /** @description Page size (1–1000). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    provider_instance?: string;
                    /** @description Only these statuses (comma-separated or repeated). */
                    status?: ("pending" | "in_progress" | "complete" | "partial" | "failed" | "cancelled")[];
                    template_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RequestPage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Request machines
         * @description Validates the request, selects a provider instance and records the request; provisioning runs in the background (watch it with GET /requests/{id} or /requests/{id}/events). With an Idempotency-Key already used, answers 200 with the original request.
         *
         *     Give either `templateId` (a stored template) or `template` (a new one, in any format POST /templates accepts). An inline template is stored as the organization's own, validated, audited and owned exactly as POST /templates stores one, then the machines are requested from it and `createdTemplateId` names it. An invalid template stores nothing and answers 400 naming each `body.template.<field>`; a refused request deletes the template it stored.
         *
         *     Access: operators and admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Same key → same request: a retried POST answers 200 with the original instead of creating another. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateRequestResult"] | components["schemas"]["RequestPlan"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateRequestResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One request with its machines and progress
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Include the selection explanation (every candidate provider instance and why it was skipped). */
                    explain?: string;
                };
                header?: never;
                path: {
                    /** @description A request id: req-… or ret-… */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RequestView"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an unfinished request
         * @description Stops provisioning; machines already created stay unless terminateMachines is true, which releases everything the request launched at each provider instance it used, recorded or not (fleets and groups deleted, machines terminated through a return request). A finished request cannot be cancelled (409).
         *
         *     Access: operators and admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A request id: req-… or ret-… */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CancelRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CancelResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch a request until it is final (Server-Sent Events)
         * @description A `text/event-stream`: a `progress` event with the RequestView now and on every change, then a `final` event when the request reaches complete, partial, failed or cancelled, and the stream ends. Comment lines keep a quiet stream open.
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Include the selection explanation (every candidate provider instance and why it was skipped). */
                    explain?: string;
                };
                header?: never;
                path: {
                    /** @description A request id: req-… or ret-… */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream: progress and final events, each a RequestView */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Return machines
         * @description Records a return request and terminates the machines at their providers; the return request completes once every machine is gone. Idempotency-Key works as for POST /requests.
         *
         *     Access: operators and admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Same key → same request: a retried POST answers 200 with the original instead of creating another. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateReturnInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnView"] | components["schemas"]["ReturnPlan"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnView"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the console (or the key sent) is signed in as
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign the console in with an API key (an httpOnly, SameSite=Strict cookie); needs "X-OHF-CSRF: 1"
         * @description Access: anyone.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignInInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        /**
         * Sign the console out (the cookie is cleared); needs "X-OHF-CSRF: 1"
         * @description Access: anyone.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            signedOut: true;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List usable templates
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    enabled?: string;
                    /** @description Only templates using this API, e.g. EC2Fleet. */
                    provider_api?: string;
                    /** @description Only templates bound to this provider instance. */
                    provider_name?: string;
                    /** @description Only templates for this provider type, e.g. aws. */
                    provider_type?: string;
                    /** @description Part of the templateId (case-insensitive). */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a template
         * @description Validated at the configured level (and against its provider instance when it names one). An existing id is 409.
         *
         *     Access: admins of the organization.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Validate and show the result without saving. */
                    dry_run?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TemplateBodyInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateWriteResult"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateWriteResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One template
         * @description Access: every member of the organization (viewer, operator, admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Also say which file set each field. */
                    source_info?: string;
                };
                header?: never;
                path: {
                    /** @description A templateId. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        /**
         * Change a template
         * @description The fields given replace the stored ones; null removes an optional field; the id cannot change.
         *
         *     Access: admins of the organization.
         */
        put: {
            parameters: {
                query?: {
                    /** @description Validate and show the result without saving. */
                    dry_run?: string;
                };
                header?: never;
                path: {
                    /** @description A templateId. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TemplateChangesInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateWriteResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a template
         * @description Access: admins of the organization.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description Validate and show the result without saving. */
                    dry_run?: string;
                };
                header?: never;
                path: {
                    /** @description A templateId. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateDeleteResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drop the template cache and read the template files again
         * @description Access: admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateRefreshReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate a stored template or a template body
         * @description Answers 200 with `valid` and the findings, each naming the field path (and file, for templates read from files).
         *
         *     Access: every member of the organization (viewer, operator, admin).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ValidateTemplateInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateValidationReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The members of the caller's organization, with their roles
         * @description Access: admins of the organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemberList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user in the caller's organization with a role
         * @description The user then gets API keys with POST /api-keys (an admin may create them). User names are unique across organizations (409).
         *
         *     Access: admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUserInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One member of the caller's organization
         * @description Access: admins of the organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a member from the caller's organization
         * @description Their keys for this organization are revoked; the user stays a member of their other organizations.
         *
         *     Access: admins of the organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            removed: true;
                            revokedKeys: number;
                            userId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Access: admins of the organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MemberRoleInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's webhooks
         * @description Access: admins of the organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a URL to audit events
         * @description Stores the webhook and answers its signing secret, this once (it is kept encrypted). Every event of the organization with a subscribed type that occurs from now on is POSTed as an AuditEvent with `X-OHF-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` and `X-OHF-Event-Id`, retried with backoff until a 2xx or the last attempt.
         *
         *     Access: admins of the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        active?: boolean;
                        /**
                         * @description Event types delivered (RequestCreated, MachineStateChanged, ApiCall…); ["*"] for every type.
                         * @default [
                         *       "*"
                         *     ]
                         */
                        eventTypes?: string[];
                        /** @description An http(s) URL; deliveries are POSTed to it. */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedWebhook"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook (never its secret)
         * @description Access: admins of the organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A webhook id (wh-…). */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a webhook and its delivery records
         * @description Access: admins of the organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A webhook id (wh-…). */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            webhookId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a webhook’s URL, event types or whether it is active
         * @description Deliveries already made keep their record; a disabled webhook gets no new deliveries and its pending ones fail.
         *
         *     Access: admins of the organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A webhook id (wh-…). */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @description Event types delivered (RequestCreated, MachineStateChanged, ApiCall…); ["*"] for every type. */
                        eventTypes?: string[];
                        /** @description An http(s) URL; deliveries are POSTed to it. */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook’s deliveries, newest first
         * @description Status (pending, delivered, failed), attempts, the last HTTP status and error, and when a pending one is tried next.
         *
         *     Access: admins of the organization.
         */
        get: {
            parameters: {
                query?: {
                    /** @description At most this many, newest first. */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description A webhook id (wh-…). */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up
         * @description Access: anyone.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                            uptimeSeconds: number;
                            version: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format)
         * @description Access: platform admins.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Storage answers, at least one provider instance is healthy and the workers reach storage
         * @description Access: anyone; a caller with a valid key is shown more.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorEnvelope"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Who caused the event: a user through a key, the CLI, or the system (background workers). */
        Actor: {
            id?: string;
            /** @description The API key used, by id (never the key). */
            keyId?: string;
            /** @enum {string} */
            kind: "user" | "cli" | "system";
            name?: string;
        };
        /** @description Who caused the event: a user through a key, the CLI, or the system (background workers). */
        ActorInput: {
            id?: string;
            /** @description The API key used, by id (never the key). */
            keyId?: string;
            /** @enum {string} */
            kind: "user" | "cli" | "system";
            name?: string;
        };
        ApiKey: {
            createdAt: string;
            expiresAt?: string;
            keyId: string;
            /** @description Recorded at most once a minute. */
            lastUsedAt?: string;
            name: string;
            organizationId: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            revokedAt?: string;
            userId: string;
        };
        ApiKeyInput: {
            createdAt: string;
            expiresAt?: string;
            keyId: string;
            /** @description Recorded at most once a minute. */
            lastUsedAt?: string;
            name: string;
            organizationId: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            revokedAt?: string;
            userId: string;
        };
        ApiKeyList: {
            keys: components["schemas"]["ApiKey"][];
            total: number;
        };
        ApiKeyListInput: {
            keys: components["schemas"]["ApiKeyInput"][];
            total: number;
        };
        /** @description One line of the audit trail. Never holds secrets. */
        AuditEvent: {
            actor: components["schemas"]["Actor"];
            data: {
                [key: string]: unknown;
            };
            /** @description Unique across installations; webhook receivers deduplicate on it. */
            eventId: string;
            machineId?: string;
            occurredAt: string;
            organizationId: string;
            providerInstance?: string;
            requestId?: string;
            /** @description Strictly increasing in the order events were stored: the paging cursor and the SSE id. */
            sequence: number;
            source?: {
                httpRequestId?: string;
                ip?: string;
            };
            /** @description A domain event type (RequestCreated, ProvisionAttemptFailed, MachineStateChanged…) or ApiCall. */
            type: string;
        };
        /** @description One line of the audit trail. Never holds secrets. */
        AuditEventInput: {
            actor: components["schemas"]["ActorInput"];
            data: {
                [key: string]: unknown;
            };
            /** @description Unique across installations; webhook receivers deduplicate on it. */
            eventId: string;
            machineId?: string;
            occurredAt: string;
            organizationId: string;
            providerInstance?: string;
            requestId?: string;
            /** @description Strictly increasing in the order events were stored: the paging cursor and the SSE id. */
            sequence: number;
            source?: {
                httpRequestId?: string;
                ip?: string;
            };
            /** @description A domain event type (RequestCreated, ProvisionAttemptFailed, MachineStateChanged…) or ApiCall. */
            type: string;
        };
        CancelRequest: {
            /**
             * @description Also return the machines already created (default false: they stay).
             * @default false
             */
            terminateMachines: boolean;
        };
        CancelRequestInput: {
            /**
             * @description Also return the machines already created (default false: they stay).
             * @default false
             */
            terminateMachines: boolean;
        };
        CancelResult: {
            machines: components["schemas"]["Machine"][];
            /** @description Provider instances that could not be asked to release (`instance: CODE: message`). */
            problems: string[];
            progress: components["schemas"]["RequestProgress"];
            /** @description With terminateMachines: what each provider instance the request used released (fleets, groups, machines), recorded or not. */
            released: {
                plannedCalls?: unknown[];
                providerInstance: string;
                resources: {
                    action: string;
                    id: string;
                    kind: string;
                }[];
                terminated: string[];
            }[];
            request: components["schemas"]["Request"];
            /** @description The return request terminating the machines, when asked to. */
            returnRequestId?: string;
        };
        CancelResultInput: {
            machines: components["schemas"]["MachineInput"][];
            /** @description Provider instances that could not be asked to release (`instance: CODE: message`). */
            problems: string[];
            progress: components["schemas"]["RequestProgressInput"];
            /** @description With terminateMachines: what each provider instance the request used released (fleets, groups, machines), recorded or not. */
            released: {
                plannedCalls?: unknown[];
                providerInstance: string;
                resources: {
                    action: string;
                    id: string;
                    kind: string;
                }[];
                terminated: string[];
            }[];
            request: components["schemas"]["RequestInput"];
            /** @description The return request terminating the machines, when asked to. */
            returnRequestId?: string;
        };
        CatalogApp: {
            appId: string;
            description: string | null;
            imageIds: string[];
            /** @enum {string} */
            kind: "stackscript" | "marketplace";
            name: string;
            providerInstance: string;
            providerType: string;
            updatedAt: string;
        };
        CatalogAppInput: {
            appId: string;
            description: string | null;
            imageIds: string[];
            /** @enum {string} */
            kind: "stackscript" | "marketplace";
            name: string;
            providerInstance: string;
            providerType: string;
            updatedAt: string;
        };
        CatalogAppList: {
            apps: components["schemas"]["CatalogApp"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
        };
        CatalogAppListInput: {
            apps: components["schemas"]["CatalogAppInput"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
        };
        CatalogImage: {
            imageId: string;
            name: string;
            osFamily: string | null;
            osVersion: string | null;
            providerInstance: string;
            providerType: string;
            updatedAt: string;
        };
        CatalogImageInput: {
            imageId: string;
            name: string;
            osFamily: string | null;
            osVersion: string | null;
            providerInstance: string;
            providerType: string;
            updatedAt: string;
        };
        CatalogImageList: {
            images: components["schemas"]["CatalogImage"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
        };
        CatalogImageListInput: {
            images: components["schemas"]["CatalogImageInput"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
        };
        CatalogPlan: {
            architecture: string | null;
            /** @description The provider's price per hour; admin keys only. */
            basePriceHourly?: number | null;
            /** @description Admin keys only. */
            basePriceMonthly?: number | null;
            currency: string;
            diskGb: number;
            gpus: number;
            /** @description The markup rule applied; admin keys only. */
            markupRuleId?: string | null;
            memoryGb: number;
            name: string;
            planId: string;
            /** @description What users pay per hour: base + markup; null when the base is unknown. */
            priceHourly: number | null;
            priceMonthly: number | null;
            /** @description The provider instance. */
            provider: string;
            providerType: string;
            regions: string[];
            /** @description AWS spot price per hour, before markup; admin keys only. */
            spotPriceHourly?: number | null;
            transferGb: number | null;
            vcpus: number;
        };
        CatalogPlanInput: {
            architecture: string | null;
            /** @description The provider's price per hour; admin keys only. */
            basePriceHourly?: number | null;
            /** @description Admin keys only. */
            basePriceMonthly?: number | null;
            currency: string;
            diskGb: number;
            gpus: number;
            /** @description The markup rule applied; admin keys only. */
            markupRuleId?: string | null;
            memoryGb: number;
            name: string;
            planId: string;
            /** @description What users pay per hour: base + markup; null when the base is unknown. */
            priceHourly: number | null;
            priceMonthly: number | null;
            /** @description The provider instance. */
            provider: string;
            providerType: string;
            regions: string[];
            /** @description AWS spot price per hour, before markup; admin keys only. */
            spotPriceHourly?: number | null;
            transferGb: number | null;
            vcpus: number;
        };
        CatalogPlanList: {
            plans: components["schemas"]["CatalogPlan"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
            total: number;
        };
        CatalogPlanListInput: {
            plans: components["schemas"]["CatalogPlanInput"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
            total: number;
        };
        CatalogRegion: {
            available: boolean;
            country: string | null;
            name: string;
            providerInstance: string;
            providerType: string;
            regionId: string;
            updatedAt: string;
        };
        CatalogRegionInput: {
            available: boolean;
            country: string | null;
            name: string;
            providerInstance: string;
            providerType: string;
            regionId: string;
            updatedAt: string;
        };
        CatalogRegionList: {
            regions: components["schemas"]["CatalogRegion"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
        };
        CatalogRegionListInput: {
            regions: components["schemas"]["CatalogRegionInput"][];
            /** @description When each provider instance was last synced (ISO 8601); empty until the first sync. */
            syncedAt: {
                [key: string]: string;
            };
        };
        CatalogSyncResult: {
            providers: {
                apps: number;
                /** @description Why the instance could not be read; its stored catalog is unchanged. */
                error?: {
                    code: string;
                    message: string;
                    retryable: boolean;
                };
                images: number;
                ok: boolean;
                plans: number;
                provider: string;
                providerType: string;
                regions: number;
            }[];
            syncedAt: string;
        };
        CatalogSyncResultInput: {
            providers: {
                apps: number;
                /** @description Why the instance could not be read; its stored catalog is unchanged. */
                error?: {
                    code: string;
                    message: string;
                    retryable: boolean;
                };
                images: number;
                ok: boolean;
                plans: number;
                provider: string;
                providerType: string;
                regions: number;
            }[];
            syncedAt: string;
        };
        ConfigureProviderStrategy: {
            circuit_breaker_config?: {
                failure_threshold?: number;
                recovery_timeout?: number;
            } & {
                [key: string]: unknown;
            };
            default_selection_policy?: string;
            fallback_strategies?: string[];
            /** @description Seconds between periodic health checks of every enabled instance (a background worker); 0 turns them off. */
            health_check_interval?: number;
            selection_criteria?: components["schemas"]["SelectionCriteria"];
        } & {
            [key: string]: unknown;
        };
        ConfigureProviderStrategyInput: {
            circuit_breaker_config?: {
                failure_threshold?: number;
                recovery_timeout?: number;
            } & {
                [key: string]: unknown;
            };
            default_selection_policy?: string;
            fallback_strategies?: string[];
            /** @description Seconds between periodic health checks of every enabled instance (a background worker); 0 turns them off. */
            health_check_interval?: number;
            selection_criteria?: components["schemas"]["SelectionCriteriaInput"];
        } & {
            [key: string]: unknown;
        };
        /** @description Machine-hours × the hourly price recorded at launch, per group, and the hourly spend of what still runs. */
        CostSummary: {
            currencies: string[];
            /** @enum {string} */
            groupBy: "provider" | "template";
            groups: {
                cost: number;
                key: string;
                machineHours: number;
                machines: number;
                runningMachines: number;
                /** @description What the machines of the group still running cost per hour now. */
                runningPriceHourly: number;
            }[];
            since: string | null;
            total: {
                cost: number;
                machineHours: number;
                machines: number;
                runningPriceHourly: number;
            };
            /** @description Machines launched without a recorded price (counted in no cost). */
            unpricedMachines: number;
            until: string;
        };
        /** @description Machine-hours × the hourly price recorded at launch, per group, and the hourly spend of what still runs. */
        CostSummaryInput: {
            currencies: string[];
            /** @enum {string} */
            groupBy: "provider" | "template";
            groups: {
                cost: number;
                key: string;
                machineHours: number;
                machines: number;
                runningMachines: number;
                /** @description What the machines of the group still running cost per hour now. */
                runningPriceHourly: number;
            }[];
            since: string | null;
            total: {
                cost: number;
                machineHours: number;
                machines: number;
                runningPriceHourly: number;
            };
            /** @description Machines launched without a recorded price (counted in no cost). */
            unpricedMachines: number;
            until: string;
        };
        CreateApiKey: {
            /**
             * Format: date-time
             * @description When the key stops working; default never.
             */
            expiresAt?: string;
            name: string;
            /** @description The organization the key acts in: a platform admin's choice; default the caller's. */
            organizationId?: string;
            /** @description The key's user (an admin may name a member of the organization); default the caller. */
            userId?: string;
        };
        CreateApiKeyInput: {
            /**
             * Format: date-time
             * @description When the key stops working; default never.
             */
            expiresAt?: string;
            name: string;
            /** @description The organization the key acts in: a platform admin's choice; default the caller's. */
            organizationId?: string;
            /** @description The key's user (an admin may name a member of the organization); default the caller. */
            userId?: string;
        };
        CreatedApiKey: {
            createdAt: string;
            expiresAt?: string;
            /** @description The key itself: shown this once, never again. */
            key: string;
            keyId: string;
            /** @description Recorded at most once a minute. */
            lastUsedAt?: string;
            name: string;
            organizationId: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            revokedAt?: string;
            userId: string;
        };
        CreatedApiKeyInput: {
            createdAt: string;
            expiresAt?: string;
            /** @description The key itself: shown this once, never again. */
            key: string;
            keyId: string;
            /** @description Recorded at most once a minute. */
            lastUsedAt?: string;
            name: string;
            organizationId: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            revokedAt?: string;
            userId: string;
        };
        CreatedWebhook: {
            active: boolean;
            createdAt: string;
            eventTypes: string[];
            organizationId: string;
            /** @description The signing secret, shown this once: verify X-OHF-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` with it. */
            secret: string;
            updatedAt: string;
            url: string;
            webhookId: string;
        };
        CreatedWebhookInput: {
            active: boolean;
            createdAt: string;
            eventTypes: string[];
            organizationId: string;
            /** @description The signing secret, shown this once: verify X-OHF-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` with it. */
            secret: string;
            updatedAt: string;
            url: string;
            webhookId: string;
        };
        CreateOrganization: {
            name: string;
            /** @description Lower-case letters, digits and dashes; it cannot change. */
            organizationId: string;
            quotas?: components["schemas"]["OrganizationQuotas"];
        };
        CreateOrganizationInput: {
            name: string;
            /** @description Lower-case letters, digits and dashes; it cannot change. */
            organizationId: string;
            quotas?: components["schemas"]["OrganizationQuotasInput"];
        };
        CreateRequest: {
            /** @description Plan only: the chosen provider, the explanation and the provider calls; nothing is recorded. Only with templateId. */
            dryRun?: boolean;
            /** @description How many machines to provision. */
            maxNumber: number;
            providerPreference?: {
                /** @description A provider instance, e.g. aws-us-east-1. */
                instance?: string;
                /** @description A provider type, e.g. aws. */
                type?: string;
            };
            /** @description Selection criteria, e.g. {"require_healthy": true, "exclude_strategies": ["aws-backup"]}. */
            selectionCriteria?: {
                [key: string]: unknown;
            };
            /** @description …or a new template, stored as the organization's own (as POST /templates stores one) before the machines are requested from it. Needs only the request permission. */
            template?: components["schemas"]["TemplateBody"];
            /** @description A stored template to request machines from… */
            templateId?: string;
        };
        CreateRequestInput: {
            /** @description Plan only: the chosen provider, the explanation and the provider calls; nothing is recorded. Only with templateId. */
            dryRun?: boolean;
            /** @description How many machines to provision. */
            maxNumber: number;
            providerPreference?: {
                /** @description A provider instance, e.g. aws-us-east-1. */
                instance?: string;
                /** @description A provider type, e.g. aws. */
                type?: string;
            };
            /** @description Selection criteria, e.g. {"require_healthy": true, "exclude_strategies": ["aws-backup"]}. */
            selectionCriteria?: {
                [key: string]: unknown;
            };
            /** @description …or a new template, stored as the organization's own (as POST /templates stores one) before the machines are requested from it. Needs only the request permission. */
            template?: components["schemas"]["TemplateBodyInput"];
            /** @description A stored template to request machines from… */
            templateId?: string;
        };
        CreateRequestResult: {
            /** @description The templateId stored from the inline template (also on a replay with the same Idempotency-Key); absent when the body named a stored template. */
            createdTemplateId?: string;
            machines: components["schemas"]["Machine"][];
            progress: components["schemas"]["RequestProgress"];
            request: components["schemas"]["Request"];
        };
        CreateRequestResultInput: {
            /** @description The templateId stored from the inline template (also on a replay with the same Idempotency-Key); absent when the body named a stored template. */
            createdTemplateId?: string;
            machines: components["schemas"]["MachineInput"][];
            progress: components["schemas"]["RequestProgressInput"];
            request: components["schemas"]["RequestInput"];
        };
        CreateReturn: {
            dryRun?: boolean;
            /** @description Our machine ids (m-…) or the clouds' instance ids. */
            machineIds: string[];
        };
        CreateReturnInput: {
            dryRun?: boolean;
            /** @description Our machine ids (m-…) or the clouds' instance ids. */
            machineIds: string[];
        };
        CreateUser: {
            /** @description How people recognise the user (an e-mail address, a login); unique. */
            name: string;
            /** @description Only a platform admin may make another. */
            platformAdmin?: boolean;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
        };
        CreateUserInput: {
            /** @description How people recognise the user (an e-mail address, a login); unique. */
            name: string;
            /** @description Only a platform admin may make another. */
            platformAdmin?: boolean;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
        };
        /** @description Every error: a stable code, a message, and details (e.g. field paths of a validation error). */
        ErrorEnvelope: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_ERROR" | "TEMPLATE_NOT_FOUND" | "REQUEST_NOT_FOUND" | "MACHINE_NOT_FOUND" | "PROVIDER_NOT_FOUND" | "NOT_FOUND" | "PROVIDER_DISABLED" | "NO_ENABLED_PROVIDERS" | "NO_COMPATIBLE_PROVIDER" | "NO_MATCHING_PLAN" | "API_NOT_SUPPORTED" | "INSTANCE_LIMIT_EXCEEDED" | "PRICING_MODEL_UNSUPPORTED" | "FLEET_TYPE_INCOMPATIBLE" | "MISSING_CREDENTIALS" | "INVALID_CREDENTIALS" | "RATE_LIMIT_EXCEEDED" | "INSUFFICIENT_CAPACITY" | "QUOTA_EXCEEDED" | "PROVIDER_UNAVAILABLE" | "API_ERROR" | "CONFLICT" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL";
                details: {
                    [key: string]: unknown;
                };
                message: string;
            };
        };
        /** @description Every error: a stable code, a message, and details (e.g. field paths of a validation error). */
        ErrorEnvelopeInput: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_ERROR" | "TEMPLATE_NOT_FOUND" | "REQUEST_NOT_FOUND" | "MACHINE_NOT_FOUND" | "PROVIDER_NOT_FOUND" | "NOT_FOUND" | "PROVIDER_DISABLED" | "NO_ENABLED_PROVIDERS" | "NO_COMPATIBLE_PROVIDER" | "NO_MATCHING_PLAN" | "API_NOT_SUPPORTED" | "INSTANCE_LIMIT_EXCEEDED" | "PRICING_MODEL_UNSUPPORTED" | "FLEET_TYPE_INCOMPATIBLE" | "MISSING_CREDENTIALS" | "INVALID_CREDENTIALS" | "RATE_LIMIT_EXCEEDED" | "INSUFFICIENT_CAPACITY" | "QUOTA_EXCEEDED" | "PROVIDER_UNAVAILABLE" | "API_ERROR" | "CONFLICT" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL";
                details: {
                    [key: string]: unknown;
                };
                message: string;
            };
        };
        EventPage: {
            items: components["schemas"]["AuditEvent"][];
            /** @description Present when more events follow: pass it as `after` for the next page. */
            next?: number;
        };
        EventPageInput: {
            items: components["schemas"]["AuditEventInput"][];
            /** @description Present when more events follow: pass it as `after` for the next page. */
            next?: number;
        };
        ExecuteProviderOperation: {
            dry_run?: boolean;
            /** @enum {string} */
            operation_type: "CREATE_INSTANCES" | "TERMINATE_INSTANCES" | "GET_INSTANCE_STATUS" | "VALIDATE_TEMPLATE" | "GET_AVAILABLE_TEMPLATES" | "HEALTH_CHECK";
            /** @description Per operation, e.g. {"template_id": "web-server", "count": 2}. */
            parameters?: {
                [key: string]: unknown;
            };
            selection_criteria?: components["schemas"]["SelectionCriteria"];
            /** @description Run on this provider instance instead of selecting one. */
            strategy_override?: string;
        } & {
            [key: string]: unknown;
        };
        ExecuteProviderOperationInput: {
            dry_run?: boolean;
            /** @enum {string} */
            operation_type: "CREATE_INSTANCES" | "TERMINATE_INSTANCES" | "GET_INSTANCE_STATUS" | "VALIDATE_TEMPLATE" | "GET_AVAILABLE_TEMPLATES" | "HEALTH_CHECK";
            /** @description Per operation, e.g. {"template_id": "web-server", "count": 2}. */
            parameters?: {
                [key: string]: unknown;
            };
            selection_criteria?: components["schemas"]["SelectionCriteriaInput"];
            /** @description Run on this provider instance instead of selecting one. */
            strategy_override?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A machine, with its normalized and raw state. */
        Machine: {
            createdAt: string;
            /** @enum {string} */
            currency?: "USD";
            /** @default null */
            hostName: string | null;
            instanceType?: string;
            launchTime?: string;
            machineId: string;
            /** @default  */
            message: string;
            /** @default default */
            organizationId: string;
            planId?: string;
            priceHourly?: number;
            priceType?: string;
            /** @default null */
            privateIpAddress: string | null;
            providerApi?: string;
            providerInstance: string;
            providerInstanceId: string;
            providerMetadata?: {
                [key: string]: unknown;
            };
            providerType: string;
            /** @default null */
            publicIpAddress: string | null;
            rawState: string;
            requestId: string;
            returnRequestId?: string;
            /** @enum {string} */
            state: "pending" | "running" | "stopping" | "stopped" | "shutting_down" | "terminated" | "failed" | "unknown";
            /** @default {} */
            tags: {
                [key: string]: string;
            };
            templateId: string;
            updatedAt: string;
            /** @default 0 */
            version: number;
        };
        MachineActionBody: {
            /**
             * @description boot, shutdown or reboot.
             * @enum {string}
             */
            action: "boot" | "shutdown" | "reboot";
            /** @description Return the call the provider would send; change nothing. */
            dryRun?: boolean;
        };
        MachineActionBodyInput: {
            /**
             * @description boot, shutdown or reboot.
             * @enum {string}
             */
            action: "boot" | "shutdown" | "reboot";
            /** @description Return the call the provider would send; change nothing. */
            dryRun?: boolean;
        };
        MachineActionResult: {
            /** @enum {string} */
            action: "boot" | "shutdown" | "reboot";
            /** @description The cloud's reference for the action, when it tracks one (a DigitalOcean action id). */
            actionId?: string;
            dryRun: boolean;
            /** @description The machine as recorded after the action, read back from its provider (as it was, for a dry run). */
            machine: components["schemas"]["Machine"];
            plannedCalls?: {
                input: unknown;
                operation: string;
                service: string;
            }[];
        };
        MachineActionResultInput: {
            /** @enum {string} */
            action: "boot" | "shutdown" | "reboot";
            /** @description The cloud's reference for the action, when it tracks one (a DigitalOcean action id). */
            actionId?: string;
            dryRun: boolean;
            /** @description The machine as recorded after the action, read back from its provider (as it was, for a dry run). */
            machine: components["schemas"]["MachineInput"];
            plannedCalls?: {
                input: unknown;
                operation: string;
                service: string;
            }[];
        };
        /** @description A machine, with its normalized and raw state. */
        MachineInput: {
            createdAt: string;
            /** @enum {string} */
            currency?: "USD";
            /** @default null */
            hostName: string | null;
            instanceType?: string;
            launchTime?: string;
            machineId: string;
            /** @default  */
            message: string;
            /** @default default */
            organizationId: string;
            planId?: string;
            priceHourly?: number;
            priceType?: string;
            /** @default null */
            privateIpAddress: string | null;
            providerApi?: string;
            providerInstance: string;
            providerInstanceId: string;
            providerMetadata?: {
                [key: string]: unknown;
            };
            providerType: string;
            /** @default null */
            publicIpAddress: string | null;
            rawState: string;
            requestId: string;
            returnRequestId?: string;
            /** @enum {string} */
            state: "pending" | "running" | "stopping" | "stopped" | "shutting_down" | "terminated" | "failed" | "unknown";
            /** @default {} */
            tags: {
                [key: string]: string;
            };
            templateId: string;
            updatedAt: string;
            /** @default 0 */
            version: number;
        };
        MachinePage: {
            items: components["schemas"]["Machine"][];
            limit: number;
            offset: number;
            /** @description Items matching the filters, all pages together. */
            total: number;
        };
        MachinePageInput: {
            items: components["schemas"]["MachineInput"][];
            limit: number;
            offset: number;
            /** @description Items matching the filters, all pages together. */
            total: number;
        };
        MarkupRule: {
            /** @default 0 */
            fixedHourly: number;
            id: string;
            organizationId?: string;
            /** @default 0 */
            percent: number;
            planId?: string;
            providerInstance?: string;
            providerType?: string;
            /**
             * @description configuration: from pricing.markups in the configuration file; stored: added through the API.
             * @enum {string}
             */
            source?: "configuration" | "stored";
        };
        MarkupRuleBody: {
            /** @default 0 */
            fixedHourly: number;
            /** @default 0 */
            percent: number;
            planId?: string;
            providerInstance?: string;
            providerType?: string;
        };
        MarkupRuleBodyInput: {
            /** @default 0 */
            fixedHourly: number;
            /** @default 0 */
            percent: number;
            planId?: string;
            providerInstance?: string;
            providerType?: string;
        };
        MarkupRuleInput: {
            /** @default 0 */
            fixedHourly: number;
            id: string;
            organizationId?: string;
            /** @default 0 */
            percent: number;
            planId?: string;
            providerInstance?: string;
            providerType?: string;
            /**
             * @description configuration: from pricing.markups in the configuration file; stored: added through the API.
             * @enum {string}
             */
            source?: "configuration" | "stored";
        };
        MarkupRuleList: {
            rules: components["schemas"]["MarkupRule"][];
        };
        MarkupRuleListInput: {
            rules: components["schemas"]["MarkupRuleInput"][];
        };
        Member: {
            /** @description When the user joined the organization. */
            createdAt: string;
            name: string;
            platformAdmin: boolean;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            userId: string;
        };
        MemberInput: {
            /** @description When the user joined the organization. */
            createdAt: string;
            name: string;
            platformAdmin: boolean;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            userId: string;
        };
        MemberList: {
            total: number;
            users: components["schemas"]["Member"][];
        };
        MemberListInput: {
            total: number;
            users: components["schemas"]["MemberInput"][];
        };
        MemberRole: {
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
        };
        MemberRoleInput: {
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
        };
        Organization: {
            createdAt: string;
            name: string;
            organizationId: string;
            quotas: components["schemas"]["OrganizationQuotas"];
            updatedAt: string;
        };
        OrganizationInput: {
            createdAt: string;
            name: string;
            organizationId: string;
            quotas: components["schemas"]["OrganizationQuotasInput"];
            updatedAt: string;
        };
        OrganizationList: {
            organizations: components["schemas"]["Organization"][];
            total: number;
        };
        OrganizationListInput: {
            organizations: components["schemas"]["OrganizationInput"][];
            total: number;
        };
        /** @description Limits the organization is held to; an absent limit does not apply. */
        OrganizationQuotas: {
            maxHourlySpend?: number;
            maxRunningMachines?: number;
        };
        /** @description Limits the organization is held to; an absent limit does not apply. */
        OrganizationQuotasInput: {
            maxHourlySpend?: number;
            maxRunningMachines?: number;
        };
        OrganizationUsage: {
            currencies: string[];
            /** @description Sum of the hourly prices recorded at launch by those machines. */
            hourlySpend: number;
            /** @description Machines of the organization not ended (every state but terminated and failed), as maxRunningMachines counts them. */
            runningMachines: number;
        };
        OrganizationUsageInput: {
            currencies: string[];
            /** @description Sum of the hourly prices recorded at launch by those machines. */
            hourlySpend: number;
            /** @description Machines of the organization not ended (every state but terminated and failed), as maxRunningMachines counts them. */
            runningMachines: number;
        };
        OwnOrganization: {
            createdAt: string;
            name: string;
            organizationId: string;
            platformAdmin: boolean;
            quotas: components["schemas"]["OrganizationQuotas"];
            /**
             * @description The caller's role in it.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            updatedAt: string;
            usage: components["schemas"]["OrganizationUsage"];
        };
        OwnOrganizationInput: {
            createdAt: string;
            name: string;
            organizationId: string;
            platformAdmin: boolean;
            quotas: components["schemas"]["OrganizationQuotasInput"];
            /**
             * @description The caller's role in it.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            updatedAt: string;
            usage: components["schemas"]["OrganizationUsageInput"];
        };
        ProviderActivity: {
            /** @description Oldest first, one per clock hour; the last is the current, unfinished hour. */
            buckets: {
                /** @description Provisioning attempts started. */
                attempts: number;
                /** @description Attempts that ended having delivered none of the machines asked for. */
                failures: number;
                /** @description Machines created. */
                machinesLaunched: number;
                /** @description Mean time from an attempt’s start to its end, over the attempts that ended; null when none did. */
                meanAttemptSeconds: number | null;
                /** @description Attempts that ended having delivered only some. */
                partial: number;
                /** @description The hour’s start. */
                start: string;
            }[];
            /** @description The first hour’s start (a clock hour, UTC). */
            from: string;
            hours: number;
            providerInstance: string;
            /** @description The window’s end: now. */
            to: string;
            totals: {
                /** @description Provisioning attempts started. */
                attempts: number;
                /** @description Attempts that ended having delivered none of the machines asked for. */
                failures: number;
                /** @description Machines created. */
                machinesLaunched: number;
                /** @description Mean time from an attempt’s start to its end, over the attempts that ended; null when none did. */
                meanAttemptSeconds: number | null;
                /** @description Attempts that ended having delivered only some. */
                partial: number;
            };
            /** @description The window held more audit events than one answer reads: the counts cover its oldest part. */
            truncated: boolean;
        };
        ProviderActivityInput: {
            /** @description Oldest first, one per clock hour; the last is the current, unfinished hour. */
            buckets: {
                /** @description Provisioning attempts started. */
                attempts: number;
                /** @description Attempts that ended having delivered none of the machines asked for. */
                failures: number;
                /** @description Machines created. */
                machinesLaunched: number;
                /** @description Mean time from an attempt’s start to its end, over the attempts that ended; null when none did. */
                meanAttemptSeconds: number | null;
                /** @description Attempts that ended having delivered only some. */
                partial: number;
                /** @description The hour’s start. */
                start: string;
            }[];
            /** @description The first hour’s start (a clock hour, UTC). */
            from: string;
            hours: number;
            providerInstance: string;
            /** @description The window’s end: now. */
            to: string;
            totals: {
                /** @description Provisioning attempts started. */
                attempts: number;
                /** @description Attempts that ended having delivered none of the machines asked for. */
                failures: number;
                /** @description Machines created. */
                machinesLaunched: number;
                /** @description Mean time from an attempt’s start to its end, over the attempts that ended; null when none did. */
                meanAttemptSeconds: number | null;
                /** @description Attempts that ended having delivered only some. */
                partial: number;
            };
            /** @description The window held more audit events than one answer reads: the counts cover its oldest part. */
            truncated: boolean;
        };
        ProviderCapabilities: {
            apis?: string[];
            /** @description Capabilities named in the configuration. */
            declared: string[];
            error?: {
                code: string;
                message: string;
            };
            fleetTypes?: string[];
            limitations?: {
                describeBatchSize: number;
                maxInstancesPerCall: number;
            };
            name: string;
            performance?: {
                [key: string]: unknown;
            };
            pricingModels?: string[];
            providerType: string;
            supportsDryRun?: boolean;
            supportsStopStart?: boolean;
        } & {
            [key: string]: unknown;
        };
        ProviderCapabilitiesInput: {
            apis?: string[];
            /** @description Capabilities named in the configuration. */
            declared: string[];
            error?: {
                code: string;
                message: string;
            };
            fleetTypes?: string[];
            limitations?: {
                describeBatchSize: number;
                maxInstancesPerCall: number;
            };
            name: string;
            performance?: {
                [key: string]: unknown;
            };
            pricingModels?: string[];
            providerType: string;
            supportsDryRun?: boolean;
            supportsStopStart?: boolean;
        } & {
            [key: string]: unknown;
        };
        ProviderCapabilitiesList: {
            providers: components["schemas"]["ProviderCapabilities"][];
        };
        ProviderCapabilitiesListInput: {
            providers: components["schemas"]["ProviderCapabilitiesInput"][];
        };
        ProviderChange: {
            /** @description false: selection stops sending work to it (its machines are still watched and returned); true: it is used again. */
            enabled: boolean;
        };
        ProviderChangeInput: {
            /** @description false: selection stops sending work to it (its machines are still watched and returned); true: it is used again. */
            enabled: boolean;
        };
        ProviderDetail: {
            /** @description Selection may send work to it now. */
            available: boolean;
            capabilities: string[];
            enabled: boolean;
            name: string;
            priority: number;
            providerType: string;
            /** @description Why it is unhealthy without a check, e.g. "no credentials: …" with how to provide them (never a secret). */
            reason?: string;
            /** @description true: registered at run time (enabled and disabled with PATCH /providers/{name}); false: from the configuration file. */
            registered?: boolean;
            /** @description The instance settings from the configuration, with credentials masked. */
            settings?: {
                [key: string]: unknown;
            };
            /** @description unknown (never checked) | healthy | recovering | unhealthy | circuit_open | circuit_half_open | disabled */
            status: string;
            weight: number;
        } & {
            [key: string]: unknown;
        };
        ProviderDetailInput: {
            /** @description Selection may send work to it now. */
            available: boolean;
            capabilities: string[];
            enabled: boolean;
            name: string;
            priority: number;
            providerType: string;
            /** @description Why it is unhealthy without a check, e.g. "no credentials: …" with how to provide them (never a secret). */
            reason?: string;
            /** @description true: registered at run time (enabled and disabled with PATCH /providers/{name}); false: from the configuration file. */
            registered?: boolean;
            /** @description The instance settings from the configuration, with credentials masked. */
            settings?: {
                [key: string]: unknown;
            };
            /** @description unknown (never checked) | healthy | recovering | unhealthy | circuit_open | circuit_half_open | disabled */
            status: string;
            weight: number;
        } & {
            [key: string]: unknown;
        };
        ProviderHealth: {
            available: boolean;
            /** @description The live health check, when one ran (latency, message). */
            check?: {
                [key: string]: unknown;
            };
            details?: {
                [key: string]: unknown;
            };
            enabled: boolean;
            healthy: boolean;
            message: string | null;
            name: string;
            providerType: string;
            status: string;
        } & {
            [key: string]: unknown;
        };
        ProviderHealthInput: {
            available: boolean;
            /** @description The live health check, when one ran (latency, message). */
            check?: {
                [key: string]: unknown;
            };
            details?: {
                [key: string]: unknown;
            };
            enabled: boolean;
            healthy: boolean;
            message: string | null;
            name: string;
            providerType: string;
            status: string;
        } & {
            [key: string]: unknown;
        };
        ProviderHealthList: {
            healthyCount: number;
            providers: components["schemas"]["ProviderHealth"][];
            total: number;
        };
        ProviderHealthListInput: {
            healthyCount: number;
            providers: components["schemas"]["ProviderHealthInput"][];
            total: number;
        };
        ProviderList: {
            /** @description The failover chain. */
            fallback: string[];
            /** @description The selection policy in force. */
            policy: string;
            providers: components["schemas"]["ProviderSummary"][];
        };
        ProviderListInput: {
            /** @description The failover chain. */
            fallback: string[];
            /** @description The selection policy in force. */
            policy: string;
            providers: components["schemas"]["ProviderSummaryInput"][];
        };
        /** @description Per instance: calls, success rate, latency, per-operation breakdown and recent errors over the window. */
        ProviderMetricsList: {
            providers: {
                [key: string]: unknown;
            }[];
        };
        /** @description Per instance: calls, success rate, latency, per-operation breakdown and recent errors over the window. */
        ProviderMetricsListInput: {
            providers: {
                [key: string]: unknown;
            }[];
        };
        ProviderSummary: {
            /** @description Selection may send work to it now. */
            available: boolean;
            capabilities: string[];
            enabled: boolean;
            name: string;
            priority: number;
            providerType: string;
            /** @description Why it is unhealthy without a check, e.g. "no credentials: …" with how to provide them (never a secret). */
            reason?: string;
            /** @description true: registered at run time (enabled and disabled with PATCH /providers/{name}); false: from the configuration file. */
            registered?: boolean;
            /** @description unknown (never checked) | healthy | recovering | unhealthy | circuit_open | circuit_half_open | disabled */
            status: string;
            weight: number;
        } & {
            [key: string]: unknown;
        };
        ProviderSummaryInput: {
            /** @description Selection may send work to it now. */
            available: boolean;
            capabilities: string[];
            enabled: boolean;
            name: string;
            priority: number;
            providerType: string;
            /** @description Why it is unhealthy without a check, e.g. "no credentials: …" with how to provide them (never a secret). */
            reason?: string;
            /** @description true: registered at run time (enabled and disabled with PATCH /providers/{name}); false: from the configuration file. */
            registered?: boolean;
            /** @description unknown (never checked) | healthy | recovering | unhealthy | circuit_open | circuit_half_open | disabled */
            status: string;
            weight: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Ready or not per component. Details (storage strategy and latency, provider health text and latency, worker counts) only for a caller with a valid API key. */
        Readiness: {
            checkedAt: string;
            providers: {
                detail?: string;
                healthy: boolean;
                latencyMs?: number;
                name: string;
            }[];
            ready: boolean;
            storage: {
                detail?: string;
                latencyMs?: number;
                ok: boolean;
                strategy?: string;
            };
            workers: {
                claimFailures?: number;
                inFlight?: number;
                ok: boolean;
                running?: boolean;
            };
        };
        /** @description Ready or not per component. Details (storage strategy and latency, provider health text and latency, worker counts) only for a caller with a valid API key. */
        ReadinessInput: {
            checkedAt: string;
            providers: {
                detail?: string;
                healthy: boolean;
                latencyMs?: number;
                name: string;
            }[];
            ready: boolean;
            storage: {
                detail?: string;
                latencyMs?: number;
                ok: boolean;
                strategy?: string;
            };
            workers: {
                claimFailures?: number;
                inFlight?: number;
                ok: boolean;
                running?: boolean;
            };
        };
        RegisterProviderStrategy: {
            capabilities?: string[] | {
                [key: string]: boolean;
            };
            enabled?: boolean;
            priority?: number;
            provider_type: string;
            /** @description Replace an instance of the same name instead of answering 409. */
            replace?: boolean;
            /** @description Provider settings. Credentials in them are stored encrypted (AES-256-GCM) and never returned. */
            strategy_config?: {
                [key: string]: unknown;
            };
            /** @description The new provider instance name. */
            strategy_name: string;
            weight?: number;
        } & {
            [key: string]: unknown;
        };
        RegisterProviderStrategyInput: {
            capabilities?: string[] | {
                [key: string]: boolean;
            };
            enabled?: boolean;
            priority?: number;
            provider_type: string;
            /** @description Replace an instance of the same name instead of answering 409. */
            replace?: boolean;
            /** @description Provider settings. Credentials in them are stored encrypted (AES-256-GCM) and never returned. */
            strategy_config?: {
                [key: string]: unknown;
            };
            /** @description The new provider instance name. */
            strategy_name: string;
            weight?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A request for machines (`req-…`) or for their return (`ret-…`). */
        Request: {
            /** @default [] */
            attempts: {
                abandonedAt?: string;
                createdCount: number;
                error?: {
                    /** @enum {string} */
                    code: "VALIDATION_ERROR" | "TEMPLATE_NOT_FOUND" | "REQUEST_NOT_FOUND" | "MACHINE_NOT_FOUND" | "PROVIDER_NOT_FOUND" | "NOT_FOUND" | "PROVIDER_DISABLED" | "NO_ENABLED_PROVIDERS" | "NO_COMPATIBLE_PROVIDER" | "NO_MATCHING_PLAN" | "API_NOT_SUPPORTED" | "INSTANCE_LIMIT_EXCEEDED" | "PRICING_MODEL_UNSUPPORTED" | "FLEET_TYPE_INCOMPATIBLE" | "MISSING_CREDENTIALS" | "INVALID_CREDENTIALS" | "RATE_LIMIT_EXCEEDED" | "INSUFFICIENT_CAPACITY" | "QUOTA_EXCEEDED" | "PROVIDER_UNAVAILABLE" | "API_ERROR" | "CONFLICT" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL";
                    message: string;
                    retryable: boolean;
                };
                finishedAt?: string;
                instanceType?: string;
                providerApi?: string;
                providerInstance: string;
                providerType: string;
                requestedCount: number;
                startedAt: string;
            }[];
            completedAt?: string;
            createdAt: string;
            /** @enum {string} */
            currency?: "USD";
            idempotencyKey?: string;
            /** @enum {string} */
            kind: "acquire" | "return";
            /** @default [] */
            lookups: {
                machineId?: string;
                /** @default  */
                message: string;
                name?: string;
                /** @enum {string} */
                outcome: "looking_up" | "gone" | "not_ours" | "failed";
                providerInstance?: string;
                providerInstanceId?: string;
                rawState?: string;
                /** @enum {string} */
                state?: "pending" | "running" | "stopping" | "stopped" | "shutting_down" | "terminated" | "failed" | "unknown";
            }[];
            /** @default [] */
            machineIds: string[];
            /** @default  */
            message: string;
            /** @default default */
            organizationId: string;
            planId?: string;
            priceHourly?: number;
            providerApi?: string;
            providerInstance?: string;
            providerType?: string;
            requestedCount: number;
            requestId: string;
            selectionExplanation?: unknown;
            /** @enum {string} */
            status: "pending" | "in_progress" | "complete" | "partial" | "failed" | "cancelled";
            templateId?: string;
            updatedAt: string;
            /** @default 0 */
            version: number;
        };
        /** @description A request for machines (`req-…`) or for their return (`ret-…`). */
        RequestInput: {
            /** @default [] */
            attempts: {
                abandonedAt?: string;
                createdCount: number;
                error?: {
                    /** @enum {string} */
                    code: "VALIDATION_ERROR" | "TEMPLATE_NOT_FOUND" | "REQUEST_NOT_FOUND" | "MACHINE_NOT_FOUND" | "PROVIDER_NOT_FOUND" | "NOT_FOUND" | "PROVIDER_DISABLED" | "NO_ENABLED_PROVIDERS" | "NO_COMPATIBLE_PROVIDER" | "NO_MATCHING_PLAN" | "API_NOT_SUPPORTED" | "INSTANCE_LIMIT_EXCEEDED" | "PRICING_MODEL_UNSUPPORTED" | "FLEET_TYPE_INCOMPATIBLE" | "MISSING_CREDENTIALS" | "INVALID_CREDENTIALS" | "RATE_LIMIT_EXCEEDED" | "INSUFFICIENT_CAPACITY" | "QUOTA_EXCEEDED" | "PROVIDER_UNAVAILABLE" | "API_ERROR" | "CONFLICT" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL";
                    message: string;
                    retryable: boolean;
                };
                finishedAt?: string;
                instanceType?: string;
                providerApi?: string;
                providerInstance: string;
                providerType: string;
                requestedCount: number;
                startedAt: string;
            }[];
            completedAt?: string;
            createdAt: string;
            /** @enum {string} */
            currency?: "USD";
            idempotencyKey?: string;
            /** @enum {string} */
            kind: "acquire" | "return";
            /** @default [] */
            lookups: {
                machineId?: string;
                /** @default  */
                message: string;
                name?: string;
                /** @enum {string} */
                outcome: "looking_up" | "gone" | "not_ours" | "failed";
                providerInstance?: string;
                providerInstanceId?: string;
                rawState?: string;
                /** @enum {string} */
                state?: "pending" | "running" | "stopping" | "stopped" | "shutting_down" | "terminated" | "failed" | "unknown";
            }[];
            /** @default [] */
            machineIds: string[];
            /** @default  */
            message: string;
            /** @default default */
            organizationId: string;
            planId?: string;
            priceHourly?: number;
            providerApi?: string;
            providerInstance?: string;
            providerType?: string;
            requestedCount: number;
            requestId: string;
            selectionExplanation?: unknown;
            /** @enum {string} */
            status: "pending" | "in_progress" | "complete" | "partial" | "failed" | "cancelled";
            templateId?: string;
            updatedAt: string;
            /** @default 0 */
            version: number;
        };
        RequestPage: {
            items: components["schemas"]["Request"][];
            limit: number;
            offset: number;
            /** @description Items matching the filters, all pages together. */
            total: number;
        };
        RequestPageInput: {
            items: components["schemas"]["RequestInput"][];
            limit: number;
            offset: number;
            /** @description Items matching the filters, all pages together. */
            total: number;
        };
        RequestPlan: {
            /** @constant */
            dryRun: true;
            plannedCalls: unknown[];
            providerApi?: string;
            providerInstance: string;
            providerType: string;
            selection: unknown;
            templateId: string;
            warnings?: unknown[];
        };
        RequestPlanInput: {
            /** @constant */
            dryRun: true;
            plannedCalls: unknown[];
            providerApi?: string;
            providerInstance: string;
            providerType: string;
            selection: unknown;
            templateId: string;
            warnings?: unknown[];
        };
        RequestProgress: {
            byState: {
                [key: string]: number;
            };
            /** @description The status will not change any more. */
            final: boolean;
            /** @description Machines recorded for the request so far. */
            machines: number;
            requested: number;
        };
        RequestProgressInput: {
            byState: {
                [key: string]: number;
            };
            /** @description The status will not change any more. */
            final: boolean;
            /** @description Machines recorded for the request so far. */
            machines: number;
            requested: number;
        };
        RequestView: {
            machines: components["schemas"]["Machine"][];
            progress: components["schemas"]["RequestProgress"];
            request: components["schemas"]["Request"];
        };
        RequestViewInput: {
            machines: components["schemas"]["MachineInput"][];
            progress: components["schemas"]["RequestProgressInput"];
            request: components["schemas"]["RequestInput"];
        };
        ReturnPlan: {
            /** @constant */
            dryRun: true;
            machines: components["schemas"]["Machine"][];
            notFound: string[];
            plan: unknown[];
        };
        ReturnPlanInput: {
            /** @constant */
            dryRun: true;
            machines: components["schemas"]["MachineInput"][];
            notFound: string[];
            plan: unknown[];
        };
        ReturnView: {
            machines: components["schemas"]["Machine"][];
            /** @description Ids that match no machine we know (reported, not fatal). */
            notFound: string[];
            progress: components["schemas"]["RequestProgress"];
            request: components["schemas"]["Request"];
        };
        ReturnViewInput: {
            machines: components["schemas"]["MachineInput"][];
            /** @description Ids that match no machine we know (reported, not fatal). */
            notFound: string[];
            progress: components["schemas"]["RequestProgressInput"];
            request: components["schemas"]["RequestInput"];
        };
        SelectionCriteria: {
            exclude_strategies?: string[];
            /** @description Skip provider instances whose plan for the template costs more per hour (markup included). */
            max_price_hourly?: number;
            max_response_time_ms?: number;
            min_success_rate?: number;
            prefer_strategies?: string[];
            require_healthy?: boolean;
            required_capabilities?: string[];
        } & {
            [key: string]: unknown;
        };
        SelectionCriteriaInput: {
            exclude_strategies?: string[];
            /** @description Skip provider instances whose plan for the template costs more per hour (markup included). */
            max_price_hourly?: number;
            max_response_time_ms?: number;
            min_success_rate?: number;
            prefer_strategies?: string[];
            require_healthy?: boolean;
            required_capabilities?: string[];
        } & {
            [key: string]: unknown;
        };
        SelectProviderStrategy: {
            /** @description Explain only: leave rotation state untouched. */
            dry_run?: boolean;
            /** @enum {string} */
            operation_type?: "CREATE_INSTANCES" | "TERMINATE_INSTANCES" | "GET_INSTANCE_STATUS" | "VALIDATE_TEMPLATE" | "GET_AVAILABLE_TEMPLATES" | "HEALTH_CHECK";
            provider_api?: string;
            selection_criteria?: components["schemas"]["SelectionCriteria"];
            /** @description Select as a request for this template would. */
            template_id?: string;
        } & {
            [key: string]: unknown;
        };
        SelectProviderStrategyInput: {
            /** @description Explain only: leave rotation state untouched. */
            dry_run?: boolean;
            /** @enum {string} */
            operation_type?: "CREATE_INSTANCES" | "TERMINATE_INSTANCES" | "GET_INSTANCE_STATUS" | "VALIDATE_TEMPLATE" | "GET_AVAILABLE_TEMPLATES" | "HEALTH_CHECK";
            provider_api?: string;
            selection_criteria?: components["schemas"]["SelectionCriteriaInput"];
            /** @description Select as a request for this template would. */
            template_id?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Who the console is signed in as. */
        Session: {
            /** @description False when the server runs with authentication off: everyone is an admin. */
            authentication: boolean;
            /** @description The name of the key or user signed in ("anonymous" with authentication off). */
            name: string;
            /** @description The organization every route acts in. */
            organizationId: string;
            /** @description Manages organizations, users and keys of every organization. */
            platformAdmin: boolean;
            /**
             * @description The role held there: viewer reads, operator also acts on requests and machines, admin also administers.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            /** @description The role as the configuration file's scope words (read ⊂ write ⊂ admin). */
            scopes: ("read" | "write" | "admin")[];
        };
        /** @description Who the console is signed in as. */
        SessionInput: {
            /** @description False when the server runs with authentication off: everyone is an admin. */
            authentication: boolean;
            /** @description The name of the key or user signed in ("anonymous" with authentication off). */
            name: string;
            /** @description The organization every route acts in. */
            organizationId: string;
            /** @description Manages organizations, users and keys of every organization. */
            platformAdmin: boolean;
            /**
             * @description The role held there: viewer reads, operator also acts on requests and machines, admin also administers.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            /** @description The role as the configuration file's scope words (read ⊂ write ⊂ admin). */
            scopes: ("read" | "write" | "admin")[];
        };
        SignIn: {
            /** @description An API key. */
            key: string;
        };
        SignInInput: {
            /** @description An API key. */
            key: string;
        };
        StrategyResult: {
            [key: string]: unknown;
        };
        StrategyResultInput: {
            [key: string]: unknown;
        };
        /** @description A machine template. Secret-looking provider options (passwords, tokens) are masked. */
        Template: {
            /** @enum {string} */
            allocationStrategy?: "capacityOptimized" | "capacityOptimizedPrioritized" | "diversified" | "lowestPrice" | "priceCapacityOptimized";
            /** @enum {string} */
            allocationStrategyOnDemand?: "lowestPrice" | "prioritized";
            attributes: {
                ncpus: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                nram: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                priceInfo?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                rank?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                type: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            } & {
                [key: string]: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            };
            description?: string;
            /** @default true */
            enabled: boolean;
            fleetRole?: string;
            /** @enum {string} */
            fleetType?: "instant" | "request" | "maintain";
            imageId?: string;
            instanceProfile?: string;
            /** @default {} */
            instanceTags: {
                [key: string]: string;
            };
            iops?: number;
            keyName?: string;
            launchTemplateId?: string;
            maxNumber: number;
            maxSpotPrice?: string;
            organizationId?: string;
            percentOnDemand?: number;
            poolsCount?: number;
            /** @enum {string} */
            priceType?: "ondemand" | "spot" | "heterogeneous";
            providerApi?: string;
            providerName?: string;
            /** @default {} */
            providerOptions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            providerType?: string;
            requirements?: {
                architecture?: string;
                gpus?: number;
                maxPriceHourly?: number;
                memoryGb: number;
                vcpus: number;
            };
            rootDeviceVolumeSize?: number;
            /** @default [] */
            securityGroupIds: string[];
            spotFleetRequestExpiry?: number;
            /** @default [] */
            subnetIds: string[];
            templateId: string;
            userData?: string;
            userDataScript?: string;
            vmType?: string;
            vmTypes?: {
                [key: string]: number;
            };
            vmTypesOnDemand?: {
                [key: string]: number;
            };
            vmTypesPriority?: {
                [key: string]: number;
            };
            volumeType?: string;
        };
        /**
         * @description A template in Host Factory camelCase (templateId, maxNumber, vmType, …) or snake_case (template_id, max_instances, instance_type, …).
         * @example {
         *       "templateId": "web-server",
         *       "maxNumber": 10,
         *       "imageId": "ami-0123456789abcdef0",
         *       "vmType": "t3.small",
         *       "providerApi": "EC2Fleet"
         *     }
         */
        TemplateBody: {
            template_id?: string;
            templateId?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A template in Host Factory camelCase (templateId, maxNumber, vmType, …) or snake_case (template_id, max_instances, instance_type, …).
         * @example {
         *       "templateId": "web-server",
         *       "maxNumber": 10,
         *       "imageId": "ami-0123456789abcdef0",
         *       "vmType": "t3.small",
         *       "providerApi": "EC2Fleet"
         *     }
         */
        TemplateBodyInput: {
            template_id?: string;
            templateId?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description The fields to change (domain names); a field set to null is removed. The result is validated as a whole.
         * @example {
         *       "maxNumber": 20,
         *       "instanceTags": {
         *         "team": "hpc"
         *       }
         *     }
         */
        TemplateChanges: {
            [key: string]: unknown;
        };
        /**
         * @description The fields to change (domain names); a field set to null is removed. The result is validated as a whole.
         * @example {
         *       "maxNumber": 20,
         *       "instanceTags": {
         *         "team": "hpc"
         *       }
         *     }
         */
        TemplateChangesInput: {
            [key: string]: unknown;
        };
        TemplateDeleteResult: {
            deleted: boolean;
            dryRun: boolean;
            templateId: string;
        };
        TemplateDeleteResultInput: {
            deleted: boolean;
            dryRun: boolean;
            templateId: string;
        };
        TemplateDetail: {
            /** @description Which file set each field (with ?source_info=true, for templates read from files). */
            sourceInfo?: {
                fields: {
                    [key: string]: unknown;
                };
                files: string[];
                problems: unknown[];
                valid: boolean;
            };
            template: components["schemas"]["Template"];
        };
        TemplateDetailInput: {
            /** @description Which file set each field (with ?source_info=true, for templates read from files). */
            sourceInfo?: {
                fields: {
                    [key: string]: unknown;
                };
                files: string[];
                problems: unknown[];
                valid: boolean;
            };
            template: components["schemas"]["TemplateInput"];
        };
        /** @description A machine template. Secret-looking provider options (passwords, tokens) are masked. */
        TemplateInput: {
            /** @enum {string} */
            allocationStrategy?: "capacityOptimized" | "capacityOptimizedPrioritized" | "diversified" | "lowestPrice" | "priceCapacityOptimized";
            /** @enum {string} */
            allocationStrategyOnDemand?: "lowestPrice" | "prioritized";
            attributes: {
                ncpus: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                nram: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                priceInfo?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                rank?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                type: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            } & {
                [key: string]: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            };
            description?: string;
            /** @default true */
            enabled: boolean;
            fleetRole?: string;
            /** @enum {string} */
            fleetType?: "instant" | "request" | "maintain";
            imageId?: string;
            instanceProfile?: string;
            /** @default {} */
            instanceTags: {
                [key: string]: string;
            };
            iops?: number;
            keyName?: string;
            launchTemplateId?: string;
            maxNumber: number;
            maxSpotPrice?: string;
            organizationId?: string;
            percentOnDemand?: number;
            poolsCount?: number;
            /** @enum {string} */
            priceType?: "ondemand" | "spot" | "heterogeneous";
            providerApi?: string;
            providerName?: string;
            /** @default {} */
            providerOptions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            providerType?: string;
            requirements?: {
                architecture?: string;
                gpus?: number;
                maxPriceHourly?: number;
                memoryGb: number;
                vcpus: number;
            };
            rootDeviceVolumeSize?: number;
            /** @default [] */
            securityGroupIds: string[];
            spotFleetRequestExpiry?: number;
            /** @default [] */
            subnetIds: string[];
            templateId: string;
            userData?: string;
            userDataScript?: string;
            vmType?: string;
            vmTypes?: {
                [key: string]: number;
            };
            vmTypesOnDemand?: {
                [key: string]: number;
            };
            vmTypesPriority?: {
                [key: string]: number;
            };
            volumeType?: string;
        };
        TemplateList: {
            templates: components["schemas"]["TemplateListItem"][];
            total: number;
        };
        TemplateListInput: {
            templates: components["schemas"]["TemplateListItemInput"][];
            total: number;
        };
        /** @description A template with the machines it still allows. Secret-looking provider options are masked. */
        TemplateListItem: {
            /** @enum {string} */
            allocationStrategy?: "capacityOptimized" | "capacityOptimizedPrioritized" | "diversified" | "lowestPrice" | "priceCapacityOptimized";
            /** @enum {string} */
            allocationStrategyOnDemand?: "lowestPrice" | "prioritized";
            attributes: {
                ncpus: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                nram: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                priceInfo?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                rank?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                type: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            } & {
                [key: string]: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            };
            /** @description How many more machines may be requested now: maxNumber minus the machines alive or on order (-1: no limit). */
            availableNumber: number;
            description?: string;
            /** @default true */
            enabled: boolean;
            fleetRole?: string;
            /** @enum {string} */
            fleetType?: "instant" | "request" | "maintain";
            imageId?: string;
            instanceProfile?: string;
            /** @default {} */
            instanceTags: {
                [key: string]: string;
            };
            iops?: number;
            keyName?: string;
            launchTemplateId?: string;
            maxNumber: number;
            maxSpotPrice?: string;
            organizationId?: string;
            percentOnDemand?: number;
            poolsCount?: number;
            /** @enum {string} */
            priceType?: "ondemand" | "spot" | "heterogeneous";
            providerApi?: string;
            providerName?: string;
            /** @default {} */
            providerOptions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            providerType?: string;
            requirements?: {
                architecture?: string;
                gpus?: number;
                maxPriceHourly?: number;
                memoryGb: number;
                vcpus: number;
            };
            rootDeviceVolumeSize?: number;
            /** @default [] */
            securityGroupIds: string[];
            spotFleetRequestExpiry?: number;
            /** @default [] */
            subnetIds: string[];
            templateId: string;
            userData?: string;
            userDataScript?: string;
            vmType?: string;
            vmTypes?: {
                [key: string]: number;
            };
            vmTypesOnDemand?: {
                [key: string]: number;
            };
            vmTypesPriority?: {
                [key: string]: number;
            };
            volumeType?: string;
        };
        /** @description A template with the machines it still allows. Secret-looking provider options are masked. */
        TemplateListItemInput: {
            /** @enum {string} */
            allocationStrategy?: "capacityOptimized" | "capacityOptimizedPrioritized" | "diversified" | "lowestPrice" | "priceCapacityOptimized";
            /** @enum {string} */
            allocationStrategyOnDemand?: "lowestPrice" | "prioritized";
            attributes: {
                ncpus: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                nram: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                priceInfo?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                rank?: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
                type: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            } & {
                [key: string]: [
                    "String" | "Numeric" | "Boolean",
                    string
                ];
            };
            /** @description How many more machines may be requested now: maxNumber minus the machines alive or on order (-1: no limit). */
            availableNumber: number;
            description?: string;
            /** @default true */
            enabled: boolean;
            fleetRole?: string;
            /** @enum {string} */
            fleetType?: "instant" | "request" | "maintain";
            imageId?: string;
            instanceProfile?: string;
            /** @default {} */
            instanceTags: {
                [key: string]: string;
            };
            iops?: number;
            keyName?: string;
            launchTemplateId?: string;
            maxNumber: number;
            maxSpotPrice?: string;
            organizationId?: string;
            percentOnDemand?: number;
            poolsCount?: number;
            /** @enum {string} */
            priceType?: "ondemand" | "spot" | "heterogeneous";
            providerApi?: string;
            providerName?: string;
            /** @default {} */
            providerOptions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            providerType?: string;
            requirements?: {
                architecture?: string;
                gpus?: number;
                maxPriceHourly?: number;
                memoryGb: number;
                vcpus: number;
            };
            rootDeviceVolumeSize?: number;
            /** @default [] */
            securityGroupIds: string[];
            spotFleetRequestExpiry?: number;
            /** @default [] */
            subnetIds: string[];
            templateId: string;
            userData?: string;
            userDataScript?: string;
            vmType?: string;
            vmTypes?: {
                [key: string]: number;
            };
            vmTypesOnDemand?: {
                [key: string]: number;
            };
            vmTypesPriority?: {
                [key: string]: number;
            };
            volumeType?: string;
        };
        TemplateRefreshReport: {
            files: {
                broken: boolean;
                name: string;
                present: boolean;
                templateCount: number;
            }[];
            problems: unknown[];
            templateCount: number;
            validCount: number;
        };
        TemplateRefreshReportInput: {
            files: {
                broken: boolean;
                name: string;
                present: boolean;
                templateCount: number;
            }[];
            problems: unknown[];
            templateCount: number;
            validCount: number;
        };
        TemplateValidationReport: {
            errors: {
                code: string;
                field?: string;
                file?: string;
                message: string;
                /** @enum {string} */
                origin: "template" | "provider";
                /** @enum {string} */
                severity: "error" | "warning";
            }[];
            level: string;
            providerInstance?: string;
            templateId?: string;
            valid: boolean;
            warnings: {
                code: string;
                field?: string;
                file?: string;
                message: string;
                /** @enum {string} */
                origin: "template" | "provider";
                /** @enum {string} */
                severity: "error" | "warning";
            }[];
        };
        TemplateValidationReportInput: {
            errors: {
                code: string;
                field?: string;
                file?: string;
                message: string;
                /** @enum {string} */
                origin: "template" | "provider";
                /** @enum {string} */
                severity: "error" | "warning";
            }[];
            level: string;
            providerInstance?: string;
            templateId?: string;
            valid: boolean;
            warnings: {
                code: string;
                field?: string;
                file?: string;
                message: string;
                /** @enum {string} */
                origin: "template" | "provider";
                /** @enum {string} */
                severity: "error" | "warning";
            }[];
        };
        TemplateWriteResult: {
            dryRun: boolean;
            template: components["schemas"]["Template"];
        };
        TemplateWriteResultInput: {
            dryRun: boolean;
            template: components["schemas"]["TemplateInput"];
        };
        UpdateOrganization: {
            name?: string;
            /** @description Replaces every quota: a limit left out no longer applies. */
            quotas?: components["schemas"]["OrganizationQuotas"];
        };
        UpdateOrganizationInput: {
            name?: string;
            /** @description Replaces every quota: a limit left out no longer applies. */
            quotas?: components["schemas"]["OrganizationQuotasInput"];
        };
        UpdateProviderHealth: {
            health_status: {
                error_details?: {
                    [key: string]: unknown;
                };
                is_healthy?: boolean;
                status_message?: string;
            } & {
                [key: string]: unknown;
            };
            provider_name: string;
            source?: string;
        } & {
            [key: string]: unknown;
        };
        UpdateProviderHealthInput: {
            health_status: {
                error_details?: {
                    [key: string]: unknown;
                };
                is_healthy?: boolean;
                status_message?: string;
            } & {
                [key: string]: unknown;
            };
            provider_name: string;
            source?: string;
        } & {
            [key: string]: unknown;
        };
        ValidateTemplate: {
            /**
             * @description Default from the configuration (templates.validation_level).
             * @enum {string}
             */
            level?: "STRICT" | "LENIENT" | "BASIC";
            /** @description Also check against this provider instance: API support, instance limits, pricing model, fleet type. */
            provider_instance?: string;
            /** @description …or a template body in any accepted format. */
            template?: {
                [key: string]: unknown;
            };
            /** @description A stored template… */
            templateId?: string;
        };
        ValidateTemplateInput: {
            /**
             * @description Default from the configuration (templates.validation_level).
             * @enum {string}
             */
            level?: "STRICT" | "LENIENT" | "BASIC";
            /** @description Also check against this provider instance: API support, instance limits, pricing model, fleet type. */
            provider_instance?: string;
            /** @description …or a template body in any accepted format. */
            template?: {
                [key: string]: unknown;
            };
            /** @description A stored template… */
            templateId?: string;
        };
        /** @description A subscription; its signing secret is shown only when it is created. */
        Webhook: {
            active: boolean;
            createdAt: string;
            eventTypes: string[];
            organizationId: string;
            updatedAt: string;
            url: string;
            webhookId: string;
        };
        WebhookDelivery: {
            attempts: number;
            createdAt: string;
            deliveryId: string;
            eventSequence: number;
            eventType: string;
            lastError?: string;
            /** @description HTTP status of the last attempt; absent when it got no answer. */
            lastStatusCode?: number;
            /** @description When the next attempt is due (pending only). */
            nextAttemptAt?: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            updatedAt: string;
            webhookId: string;
        };
        WebhookDeliveryInput: {
            attempts: number;
            createdAt: string;
            deliveryId: string;
            eventSequence: number;
            eventType: string;
            lastError?: string;
            /** @description HTTP status of the last attempt; absent when it got no answer. */
            lastStatusCode?: number;
            /** @description When the next attempt is due (pending only). */
            nextAttemptAt?: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            updatedAt: string;
            webhookId: string;
        };
        /** @description Newest first. */
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDelivery"][];
        };
        /** @description Newest first. */
        WebhookDeliveryListInput: {
            items: components["schemas"]["WebhookDeliveryInput"][];
        };
        /** @description A subscription; its signing secret is shown only when it is created. */
        WebhookInput: {
            active: boolean;
            createdAt: string;
            eventTypes: string[];
            organizationId: string;
            updatedAt: string;
            url: string;
            webhookId: string;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        WebhookListInput: {
            items: components["schemas"]["WebhookInput"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
