// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** The OpenAPI document agrees with the running server's routes, both ways, and with the README's table. */
class OpenApiIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    private static TreeSet<String> documented(JsonNode doc) {
        TreeSet<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(verb -> out.add(verb.toUpperCase() + " " + path.getKey()));
        }
        return out;
    }

    private static TreeSet<String> running() throws Exception {
        BundleContext ctx = fleet.server.felix().context();
        ServiceReference<?> ref = ctx.getServiceReference("org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime");
        Object runtime = ctx.getService(ref);
        Object dto = runtime.getClass().getMethod("getRuntimeDTO").invoke(runtime);
        TreeSet<String> out = new TreeSet<>();
        Object app = dto.getClass().getField("defaultApplication").get(dto);
        Object resources = app.getClass().getField("resourceDTOs").get(app);
        for (int i = 0; i < Array.getLength(resources); i++) {
            Object methods = Array.get(resources, i).getClass().getField("resourceMethods").get(Array.get(resources, i));
            for (int j = 0; j < Array.getLength(methods); j++) {
                Object m = Array.get(methods, j);
                String route = m.getClass().getField("method").get(m) + " " + m.getClass().getField("path").get(m);
                if (!route.contains("{path: .*}")) { // the answer when no route matches is no route itself
                    out.add(route);
                }
            }
        }
        ctx.ungetService(ref);
        return out;
    }

    @Test
    void theDocumentListsExactlyTheRoutesTheServerServes() throws Exception {
        Http.Answer doc = fleet.http.get("/api/v1/openapi.json", null);
        assertThat(doc.status()).as(doc.raw()).isEqualTo(200);
        assertThat(doc.body().get("openapi").asText()).startsWith("3.");
        assertThat(documented(doc.body())).isEqualTo(running());
    }

    @Test
    void everyRouteOfTheReadmeIsDocumentedWithItsBodiesAndRefusals() throws Exception {
        JsonNode doc = fleet.http.get("/api/v1/openapi.json", null).body();
        TreeSet<String> documented = documented(doc);
        String readme = Files.readString(Path.of(System.getProperty("user.dir"), "..", "README.md"));
        // every `VERB /path` in the first column of the README's tables; [/{x}] is optional, [?…] a query
        Matcher route = Pattern.compile("`((?:GET|POST|PUT|DELETE) /[^`\\[]+)(\\[/[^\\]]+\\])?(\\[\\?[^\\]]+\\])?`").matcher(readme);
        List<String> routes = new ArrayList<>();
        while (route.find()) {
            routes.add(route.group(1));
            if (route.group(2) != null) {
                routes.add(route.group(1) + route.group(2).substring(1, route.group(2).length() - 1));
            }
        }
        assertThat(routes).hasSizeGreaterThanOrEqualTo(18);
        assertThat(documented).containsAll(routes);

        JsonNode checkIn = doc.get("paths").get("/api/v1/agents/{id}/check-in").get("post");
        assertThat(checkIn.get("requestBody").toString()).contains("#/components/schemas/CheckInRequestDTO");
        assertThat(checkIn.get("responses").get("200").toString()).contains("#/components/schemas/CheckInResponseDTO");
        assertThat(checkIn.get("responses").fieldNames()).toIterable().contains("400", "401", "403", "413", "503");
        assertThat(checkIn.get("security").get(0).has("agentToken")).isTrue();
        JsonNode install = doc.get("paths").get("/api/v1/agents/{id}/installs").get("post");
        assertThat(install.get("responses").get("202").toString()).contains("CommandAcceptedDTO");
        assertThat(install.get("responses").has("409")).isTrue();
        JsonNode result = doc.get("components").get("schemas").get("CommandResultDTO").get("properties");
        assertThat(result.get("status").get("enum").toString()).contains("completed", "failed", "refused", "unknown");
        assertThat(doc.get("components").get("schemas").get("ErrorDTO").get("properties").has("detail")).isTrue();
        assertThat(doc.get("paths").get("/api/v1/health").get("get").has("security")).isFalse();
    }

    @Test
    void swaggerUiIsServedFromTheServerItself() {
        Http.Answer index = fleet.http.get("/api/docs", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.raw()).contains("swagger-ui-bundle.js", "redflag-docs.js");
        Http.Answer bundle = fleet.http.get("/api/docs/swagger-ui-bundle.js", null);
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.raw().length()).isGreaterThan(100_000);
        assertThat(fleet.http.get("/api/docs/redflag-docs.js", null).raw()).contains("/api/v1/openapi.json");
        assertThat(fleet.http.get("/api/docs/..%2F..%2Fetc%2Fpasswd", null).status()).isIn(400, 404);
        assertThat(fleet.http.get("/api/docs/MANIFEST.MF", null).status()).isEqualTo(404);
    }
}
