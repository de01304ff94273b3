// A real OpenID Connect provider (panva's oidc-provider) for the single sign-on tests, on
// loopback. It listens on a free port and prints its issuer as its first line, so the test
// that started it knows where it is once it accepts connections.
//
// Its sign-in page is oidc-provider's development one: any login and password are taken,
// and the login typed is the email address the provider vouches for. Which of those people
// may use What matters is our side's decision, which is what the tests are about.
//
// Settings, from the environment: CLIENT_ID, CLIENT_SECRET and REDIRECT_URIS (commas).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";

if (Number(process.versions.node.split(".")[0]) < 20) {
  console.error(`The test's OpenID provider needs Node.js 20 or later, not ${process.version}.`);
  process.exit(1);
}
const { default: Provider } = await import("oidc-provider");

const server = createServer();
server.listen(0, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.CLIENT_ID,
        client_secret: process.env.CLIENT_SECRET,
        redirect_uris: process.env.REDIRECT_URIS.split(","),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    async findAccount(ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) };
    },
    // The council consented for its staff when it registered the service: no consent page.
    async loadExistingGrant(ctx) {
      const { client, session, provider: op } = ctx.oidc;
      const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) return op.Grant.find(grantId);
      if (!session.accountId) return undefined;
      const grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  console.log(issuer);
});
