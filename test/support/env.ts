// Runs before every test file: point the SDK at moto through the standard variables only.
import { inject } from "vitest";
import { motoEnv } from "./moto.mjs";

const endpoint = process.env.SENVAR_TEST_ENDPOINT ?? inject("motoEndpoint");
for (const key of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "SST_APP", "SST_STAGE", "AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL_SECRETS_MANAGER"]) delete process.env[key];
Object.assign(process.env, motoEnv(endpoint), { SENVAR_TEST_ENDPOINT: endpoint });
