// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private final JsonNode doc = OpenApiDocument.describe(List.of(AgentsResource.class, HealthResource.class,
            RegistrationTokensResource.class), "9.9.9");

    @Test
    void everyResourceMethodBecomesAnOperationWithItsRuleParametersAndBodies() {
        assertThat(doc.get("info").get("version").asText()).isEqualTo("9.9.9");
        JsonNode results = doc.get("paths").get("/api/v1/agents/{id}/results").get("post");
        assertThat(results.get("operationId").asText()).isEqualTo("Agents.result");
        assertThat(results.get("security").get(0).has("agentToken")).isTrue();
        assertThat(results.get("parameters").findValuesAsText("name")).containsExactly("id", "DPoP", "X-RedFlag-Machine-Id");
        assertThat(results.get("requestBody").toString()).contains("#/components/schemas/CommandResultDTO");
        assertThat(results.get("responses").fieldNames()).toIterable().containsExactly("200", "400", "401", "403", "404", "413", "429",
                "503");
        assertThat(doc.get("paths").get("/api/v1/agents/register").get("post").get("requestBody").toString())
                .contains("#/components/schemas/RegisterRequestDTO");

        JsonNode list = doc.get("paths").get("/api/v1/agents").get("get");
        assertThat(list.get("security").get(0).has("operatorToken")).isTrue();
        assertThat(list.get("responses").get("200").get("content").get("application/json").get("schema").get("type").asText())
                .isEqualTo("array");
        assertThat(doc.get("paths").get("/api/v1/registration-tokens").get("post").get("responses").has("201")).isTrue();
        JsonNode health = doc.get("paths").get("/api/v1/health").get("get");
        assertThat(health.has("security")).isFalse();
        assertThat(health.get("responses").get("200").toString()).contains("HealthDTO");
    }

    @Test
    void schemasDescribeTheDtosFieldsWithInheritedOnesAndEnumWireForms() {
        JsonNode schemas = doc.get("components").get("schemas");
        JsonNode record = schemas.get("InventoryRecordDTO").get("properties");
        assertThat(record.get("downloadSize").get("format").asText()).isEqualTo("int64");
        assertThat(record.get("cves").get("type").asText()).isEqualTo("array");
        assertThat(record.get("kind").get("enum").toString()).contains("UPDATES", "METRICS", "UNKNOWN");
        assertThat(record.has("firstSeenAt")).isTrue();
        assertThat(schemas.get("CommandResultDTO").get("properties").get("status").get("enum").toString())
                .isEqualTo("[\"completed\",\"failed\",\"refused\",\"unknown\"]");
        assertThat(schemas.get("ErrorDTO").get("properties").fieldNames()).toIterable().containsExactly("error", "detail");
    }
}
