// `clientCredentials` and its types through the `jifeline-tickets/client-credentials` subpath: compiled
// under moduleResolution bundler (tsconfig.bundler.json), node16 (tsconfig.node16.json) and nodenext
// (tsconfig.json), where the main entry's `node` condition does not always apply.
import { clientCredentials, type ClientCredentialsOptions } from "jifeline-tickets/client-credentials";
import { TicketsApi, type AccessTokenFunction } from "jifeline-tickets";

const options: ClientCredentialsOptions = { tokenUrl: "https://auth.example/token", clientId: "id", clientSecret: "s", scope: ["tickets"] };
const token: AccessTokenFunction = clientCredentials(options);
export const api = new TicketsApi({ baseUrl: "https://partner-api-001.prd.jifeline.cloud", accessToken: token });
// @ts-expect-error clientSecret is required
clientCredentials({ tokenUrl: "https://auth.example/token", clientId: "id" });
