// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The typed, tolerant protocol over real HTTP: results from a newer agent (fields and constants this
 * server does not know) are stored, never refused; results in the previous agent's exact format still
 * are; text no peer may send is refused naming the field; and every resource method of the running
 * server carries an access rule.
 */
class ProtocolIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    private static HttpAgent register(String... scanners) {
        Http.Answer t = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 1));
        HttpAgent agent = HttpAgent.create(fleet.http);
        Map<String, Object> r = agent.registration(t.body().get("token").asText(), "9.1.0", scanners);
        // a newer agent introduces itself with more than this server knows
        r.put("capabilities", Map.of("hotSwap", true));
        Http.Answer reg = agent.register(r);
        assertThat(reg.status()).as(reg.raw()).isEqualTo(200);
        return agent;
    }

    private static JsonNode checkIn(HttpAgent a) {
        Http.Answer ok = a.checkIn("{\"agentVersion\":\"9.1.0\",\"scanners\":[\"apt\"],\"selfTests\":{\"apt\":\"passed\"}}");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        return ok.body().get("commands");
    }

    private static String scanCommand(HttpAgent a) {
        for (JsonNode c : checkIn(a)) {
            if (c.get("type").asText().equals("scan")) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no scan command handed out");
    }

    private static Http.Answer postResult(HttpAgent a, String json) {
        return a.result(json);
    }

    @Test
    void aNewerAgentsResultIsStoredNeverRefused() {
        HttpAgent a = register("apt");
        String scan = scanCommand(a);
        Http.Answer stored = postResult(a, """
                {"commandId":"%s","status":"completed","signature":"abc","receipts":[1,2],
                 "scan":{"status":"THROTTLED","message":"registry rate limit","sbom":{"format":"spdx"},
                   "updates":[{"id":"openssl","name":"openssl","installedVersion":"3.0.14","availableVersion":"3.0.15",
                     "severity":"URGENT","exploitedInTheWild":true,"epss":0.97}],"notes":[]}}
                """.formatted(scan));
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        assertThat(stored.body().get("acknowledged").asText()).isEqualTo(scan);

        JsonNode updates = fleet.http.get("/api/v1/agents/" + a.agentId + "/updates", fleet.operatorToken).body();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).get("id").asText()).isEqualTo("openssl");
        assertThat(updates.get(0).get("availableVersion").asText()).isEqualTo("3.0.15");
        assertThat(updates.get(0).get("severity").asText()).isEqualTo("UNKNOWN");
        assertThat(updates.get(0).get("kind").asText()).isEqualTo("UPDATES");
        JsonNode apt = fleet.http.get("/api/v1/agents/" + a.agentId + "/subsystems", fleet.operatorToken).body().get(0);
        assertThat(apt.get("lastStatus").asText()).isEqualTo("unknown");
        assertThat(apt.get("lastMessage").asText()).isEqualTo("registry rate limit");

        // a result status this server has never heard of still ends the command, with everything it could keep
        Http.Answer dry = fleet.http.post("/api/v1/agents/" + a.agentId + "/dry-runs", fleet.operatorToken,
                Map.of("ecosystem", "apt", "packages", List.of("openssl")));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(202);
        String dryId = dry.body().get("commandId").asText();
        assertThat(checkIn(a).findValuesAsText("id")).contains(dryId);
        Http.Answer deferred = postResult(a, """
                {"commandId":"%s","status":"deferred","message":"waiting for the maintenance window","window":"02:00"}
                """.formatted(dryId));
        assertThat(deferred.status()).as(deferred.raw()).isEqualTo(200);
        JsonNode command = fleet.http.get("/api/v1/commands/" + dryId, fleet.operatorToken).body();
        assertThat(command.get("status").asText()).isEqualTo("unknown");
        assertThat(command.get("result").get("message").asText()).isEqualTo("waiting for the maintenance window");
        assertThat(command.get("type").asText()).isEqualTo("dry-run");
        assertThat(command.get("params").get("packages").get(0).asText()).isEqualTo("openssl");
    }

    @Test
    void aResultInThePreviousAgentsFormatIsStoredAsBefore() {
        HttpAgent a = register("apt");
        String scan = scanCommand(a);
        // exactly what agent 0.1.0 (before the typed protocol) wrote to its outbox and posted
        Http.Answer stored = postResult(a, """
                {"commandId":"%s","status":"completed","message":null,"scan":{"status":"PARTIAL","message":"no advisories",
                 "updates":[{"id":"curl","name":"curl","installedVersion":"7.88.1-10","availableVersion":"7.88.1-10+deb12u8",
                 "source":"bookworm-security","architecture":"amd64","severity":"IMPORTANT","security":true,
                 "advisories":["DSA-5000-1"],"cves":["CVE-2024-0001"],"downloadSize":315000,"rebootRequired":false}],
                 "notes":["kept back: linux-image-amd64"]}}
                """.formatted(scan));
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        JsonNode curl = fleet.http.get("/api/v1/agents/" + a.agentId + "/updates?ecosystem=apt", fleet.operatorToken).body().get(0);
        assertThat(curl.get("severity").asText()).isEqualTo("IMPORTANT");
        assertThat(curl.get("cves").get(0).asText()).isEqualTo("CVE-2024-0001");
        assertThat(curl.get("downloadSize").asLong()).isEqualTo(315000);
        assertThat(fleet.http.get("/api/v1/agents/" + a.agentId + "/subsystems", fleet.operatorToken).body().get(0)
                .get("lastStatus").asText()).isEqualTo("partial");
        // sent again (the agent never saw the acknowledgement): acknowledged again, changes nothing
        Http.Answer again = postResult(a, "{\"commandId\":\"" + scan + "\",\"status\":\"failed\",\"message\":\"late\"}");
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(fleet.http.get("/api/v1/commands/" + scan, fleet.operatorToken).body().get("status").asText())
                .isEqualTo("completed");
    }

    @Test
    void textWithANulCharacterIsRefusedNamingTheFieldAndNothingIsStored() {
        HttpAgent a = register("apt");
        String scan = scanCommand(a);
        Http.Answer refused = postResult(a, "{\"commandId\":\"" + scan + "\",\"status\":\"completed\",\"scan\":{\"status\":\"OK\","
                + "\"updates\":[{\"id\":\"ok\"},{\"id\":\"bad\\u0000name\"}]}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().get("detail").asText()).isEqualTo("scan.updates[1].id contains a NUL character (U+0000)");
        assertThat(fleet.http.get("/api/v1/agents/" + a.agentId + "/updates", fleet.operatorToken).body()).isEmpty();
        Http.Answer badType = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", "many"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().get("detail").asText()).isEqualTo("seats cannot be 'many': expected a number");
    }

    @Test
    void inputTheInventoryCouldNotHoldIsA400NamingTheFieldNeverA500() {
        HttpAgent a = register("apt");
        String scan = scanCommand(a);
        String head = "{\"commandId\":\"" + scan + "\",\"status\":\"completed\",\"scan\":";
        Http.Answer longId = postResult(a, head + "{\"updates\":[{\"id\":\"" + "p".repeat(3000) + "\"}]}}");
        assertThat(longId.status()).as(longId.raw()).isEqualTo(400);
        assertThat(longId.body().get("detail").asText()).isEqualTo("scan.updates[0].id is longer than 512 characters");
        Http.Answer nullEntry = postResult(a, head + "{\"updates\":[null]}}");
        assertThat(nullEntry.status()).isEqualTo(400);
        assertThat(nullEntry.body().get("detail").asText()).isEqualTo("scan.updates[0] is null");
        Http.Answer noStatus = postResult(a, head + "{\"status\":null,\"updates\":[]}}");
        assertThat(noStatus.status()).as(noStatus.raw()).isEqualTo(200);
        assertThat(fleet.http.get("/api/v1/agents/" + a.agentId + "/subsystems", fleet.operatorToken).body().get(0)
                .get("lastStatus").asText()).isEqualTo("unknown");
    }

    @Test
    void aRevokedAgentIsRefusedAtOnceAndADeletedOneIsGone() {
        HttpAgent a = register("apt");
        String scan = scanCommand(a);
        Http.Answer revoke = fleet.http.post("/api/v1/agents/" + a.agentId + "/revoke", fleet.operatorToken, Map.of());
        assertThat(revoke.status()).as(revoke.raw()).isEqualTo(204);
        Http.Answer late = postResult(a, "{\"commandId\":\"" + scan + "\",\"status\":\"completed\"}");
        assertThat(late.status()).isEqualTo(403);
        assertThat(late.body().get("detail").asText()).contains("is not an active agent");
        assertThat(fleet.http.get("/api/v1/agents/" + a.agentId, fleet.operatorToken).body().get("status").asText())
                .isEqualTo("revoked");
        Http.Answer tokens = fleet.http.get("/api/v1/registration-tokens", fleet.operatorToken);
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.raw()).doesNotContain("rfr_");
        assertThat(fleet.http.send("DELETE", "/api/v1/agents/" + a.agentId, fleet.operatorToken).status()).isEqualTo(204);
        assertThat(fleet.http.get("/api/v1/agents/" + a.agentId, fleet.operatorToken).status()).isEqualTo(404);
    }

    @Test
    void everyResourceMethodOfTheRunningServerCarriesAnAccessRule() throws Exception {
        BundleContext ctx = fleet.server.felix().context();
        ServiceReference<?> ref = ctx.getServiceReference("org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime");
        Object runtime = ctx.getService(ref);
        Object dto = runtime.getClass().getMethod("getRuntimeDTO").invoke(runtime);
        List<Object> applications = new ArrayList<>();
        applications.add(field(dto, "defaultApplication"));
        applications.addAll(list(field(dto, "applicationDTOs")));
        Set<String> rules = Set.of("io.redflag.server.rest.internal.PublicRoute", "io.redflag.server.rest.internal.AgentRoute",
                "io.redflag.server.rest.internal.OperatorRoute");
        List<String> methods = new ArrayList<>();
        List<String> unguarded = new ArrayList<>();
        for (Object app : applications) {
            for (Object resource : list(field(app, "resourceDTOs"))) {
                for (Object m : list(field(resource, "resourceMethods"))) {
                    String route = field(m, "method") + " " + field(m, "path");
                    methods.add(route);
                    List<Object> bindings = list(field(m, "nameBindings"));
                    if (bindings.stream().filter(rules::contains).count() != 1) {
                        unguarded.add(route + " " + bindings);
                    }
                }
            }
        }
        assertThat(methods).as("resource methods found").hasSizeGreaterThanOrEqualTo(18)
                .contains("POST /api/v1/agents/{id}/check-in", "GET /api/v1/health");
        assertThat(unguarded).as("resource methods without exactly one access rule").isEmpty();
        assertThat(list(field(dto, "failedResourceDTOs"))).as("resources the whiteboard refused").isEmpty();
        assertThat(list(field(dto, "failedExtensionDTOs"))).as("extensions the whiteboard refused").isEmpty();
        ctx.ungetService(ref);
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        return o.getClass().getField(name).get(o);
    }

    private static List<Object> list(Object array) {
        List<Object> out = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < Array.getLength(array); i++) {
                out.add(Array.get(array, i));
            }
        }
        return out;
    }
}
