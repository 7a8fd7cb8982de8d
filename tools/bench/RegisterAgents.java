// SPDX-License-Identifier: Apache-2.0
// Registers N simulated agents for tools/bench/checkin.sh, each with its own Ed25519 key and a proof of possession
// (RFC 9449 DPoP shape: typ dpop+jwt, alg EdDSA, jwk header; claims jti, iat, htm, htu, htb) as the agent runtime
// sends. Written with the JDK alone (no jose4j), so it also checks that the server accepts proofs from any correct
// implementation. Run as a single-file program:
//   java tools/bench/RegisterAgents.java URL OPERATOR_TOKEN_FILE N THREADS OUT.lua [SCANNERS]
// SCANNERS: the ecosystems the agents say they run (comma-separated, e.g. apt), so the server gives them those
// subsystems; none by default.
// OUT.lua: return { {agentId, accessToken, machineId}, ... } for the wrk script.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RegisterAgents {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final SecureRandom RANDOM = new SecureRandom();
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: RegisterAgents URL OPERATOR_TOKEN_FILE N THREADS OUT.lua [SCANNERS]");
            System.exit(2);
        }
        String url = args[0];
        String operator = Files.readString(Path.of(args[1])).trim();
        int n = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        String scanners = args.length == 6 ? args[5] : "";
        if (!scanners.matches("[a-z0-9-]*(,[a-z0-9-]+)*")) {
            fail("SCANNERS must be ecosystems separated by commas, not '" + scanners + "'");
        }
        String declared = scanners.isEmpty() ? "" : "\"" + String.join("\",\"", scanners.split(",")) + "\"";

        HttpResponse<String> t = post(url, "/api/v1/registration-tokens",
                "{\"seats\":" + n + ",\"expiresInSeconds\":3600,\"note\":\"bench\"}", "Bearer " + operator, null);
        if (t.statusCode() != 201 && t.statusCode() != 200) {
            fail("registration token: HTTP " + t.statusCode() + ": " + t.body());
        }
        String seat = field(t.body(), "token");

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String[]>> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int id = i;
            rows.add(pool.submit(() -> register(url, seat, id, declared)));
        }
        StringBuilder lua = new StringBuilder("-- agents for tools/bench/checkin.sh: { agentId, accessToken, machineId }\nreturn {\n");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Future<String[]> f : rows) {
            String[] r = f.get();
            ids.add(r[0]);
            lua.append("  {\"").append(r[0]).append("\", \"").append(r[1]).append("\", \"").append(r[2]).append("\"},\n");
        }
        pool.shutdown();
        if (ids.size() != n) {
            fail("expected " + n + " distinct agent ids, got " + ids.size());
        }
        Files.writeString(Path.of(args[4]), lua.append("}\n"));
    }

    static String[] register(String url, String seat, int i, String scanners) throws Exception {
        String machine = "bench-machine-" + i;
        String body = "{\"registrationToken\":\"" + seat + "\",\"machineId\":\"" + machine + "\",\"hostname\":\"bench-" + i
                + "\",\"osFamily\":\"linux\",\"osVersion\":\"bench\",\"architecture\":\"x86_64\",\"agentVersion\":\"0.1.0\","
                + "\"scanners\":[" + scanners + "]}";
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String path = "/api/v1/agents/register";
        HttpResponse<String> r = post(url, path, body, null, proof(key, "POST", path, body));
        if (r.statusCode() != 200) {
            fail("register " + machine + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        String[] row = {field(r.body(), "agentId"), field(r.body(), "accessToken"), machine};
        for (String v : row) {
            if (!SAFE.matcher(v).matches()) {
                fail("register " + machine + ": unexpected characters in " + v);
            }
        }
        return row;
    }

    /** A compact JWS over the request, signed with the key whose public half rides in the header. */
    static String proof(KeyPair key, String method, String path, String body) throws Exception {
        byte[] spki = key.getPublic().getEncoded(); // X.509: a 12-byte prefix, then the 32-byte key
        String x = B64.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}}";
        byte[] jti = new byte[18];
        RANDOM.nextBytes(jti);
        String claims = "{\"jti\":\"" + B64.encodeToString(jti) + "\",\"iat\":" + (System.currentTimeMillis() / 1000)
                + ",\"htm\":\"" + method + "\",\"htu\":\"" + path + "\",\"htb\":\""
                + B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))) + "\"}";
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(s.sign());
    }

    static HttpResponse<String> post(String url, String path, String body, String authorization, String proof)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (proof != null) {
            b.header("DPoP", proof);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            fail("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static void fail(String why) {
        System.err.println(why);
        System.exit(1);
    }
}
