// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandParamsDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.ResultStatus;
import io.redflag.protocol.SubsystemDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.Severity;
import io.redflag.scanner.SubsystemKind;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {

    private final ObjectMapper json = ProtocolJson.mapper();

    @Test
    void aNewerAgentsResultWithFieldsAndConstantsThisSideDoesNotKnowIsReadNotRefused() throws Exception {
        String newer = """
                {"commandId":"0b7c3f5e-8a56-4c1e-9b9f-1d2e3f4a5b6c","status":"deferred","message":"waiting for a window",
                 "signatureOfAgent":"abc","receipts":[{"id":1}],
                 "scan":{"status":"THROTTLED","message":"m","updates":[{"id":"openssl","name":"openssl",
                   "availableVersion":"3.0.15","severity":"URGENT","exploitedInTheWild":true}],"notes":[],"sbom":{"x":1}}}
                """;
        CommandResultDTO r = json.readValue(newer, CommandResultDTO.class);
        assertThat(r.status).isEqualTo(ResultStatus.UNKNOWN);
        assertThat(r.message).isEqualTo("waiting for a window");
        assertThat(r.scan.status).isEqualTo(ScanStatus.UNKNOWN);
        assertThat(r.scan.updates).singleElement().satisfies(u -> {
            assertThat(u.id).isEqualTo("openssl");
            assertThat(u.availableVersion).isEqualTo("3.0.15");
            assertThat(u.severity).isEqualTo(Severity.UNKNOWN);
        });
    }

    @Test
    void anOlderAgentsResultReadsAsItAlwaysDid() throws Exception {
        String older = """
                {"commandId":"0b7c3f5e-8a56-4c1e-9b9f-1d2e3f4a5b6c","status":"completed","message":null,
                 "scan":{"status":"PARTIAL","message":"no advisories","updates":[{"id":"curl","severity":"IMPORTANT",
                 "security":true,"cves":["CVE-2026-1"]}],"notes":["held back: foo"]}}
                """;
        CommandResultDTO r = json.readValue(older, CommandResultDTO.class);
        assertThat(r.status).isEqualTo(ResultStatus.COMPLETED);
        assertThat(r.scan.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(r.scan.updates.get(0).severity).isEqualTo(Severity.IMPORTANT);
        assertThat(r.scan.updates.get(0).cves).containsExactly("CVE-2026-1");
        assertThat(r.scan.notes).containsExactly("held back: foo");
    }

    @Test
    void enumsAreWrittenInTheirWireFormAndReadBackInAnyCase() throws Exception {
        CommandResultDTO r = new CommandResultDTO();
        r.status = ResultStatus.REFUSED;
        assertThat(json.writeValueAsString(r)).contains("\"status\":\"refused\"");
        SubsystemDTO s = new SubsystemDTO();
        s.kind = SubsystemKind.METRICS;
        assertThat(json.writeValueAsString(s)).contains("\"kind\":\"METRICS\"");
        assertThat(json.readValue("{\"kind\":\"metrics\"}", SubsystemDTO.class).kind).isEqualTo(SubsystemKind.METRICS);
        assertThat(json.readValue("{\"kind\":\"snapshots\"}", SubsystemDTO.class).kind).isEqualTo(SubsystemKind.UNKNOWN);
        assertThat(CommandType.fromWire("dry-run")).isEqualTo(CommandType.DRY_RUN);
        assertThat(CommandType.fromWire("reboot")).isEqualTo(CommandType.UNKNOWN);
        assertThat(CommandType.DRY_RUN).hasToString("dry-run");
    }

    @Test
    void aNewerServersCheckInAnswerIsReadByThisAgent() throws Exception {
        CheckInResponseDTO r = json.readValue("""
                {"commands":[{"id":"c","agentId":"a","type":"reboot","params":"{}","issuedAt":"t","keyId":"k",
                 "signature":"s","priority":9}],"pollIntervalSeconds":30,"serverTime":"2026-11-30T10:00:00Z",
                 "maintenanceWindow":{"from":"22:00"}}
                """, CheckInResponseDTO.class);
        assertThat(r.commands).singleElement().satisfies(c -> assertThat(c.type).isEqualTo("reboot"));
        assertThat(r.pollIntervalSeconds).isEqualTo(30);
        CommandParamsDTO p = json.readValue("{\"ecosystem\":\"apt\",\"config\":{\"a\":\"b\"},\"window\":\"night\"}",
                CommandParamsDTO.class);
        assertThat(p.config).containsEntry("a", "b");
    }

    @Test
    void textWithANulCharacterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> json.readValue("{\"commandId\":\"x\",\"status\":\"failed\",\"scan\":{\"updates\":"
                + "[{\"id\":\"a\"},{\"id\":\"b\\u0000c\"}]}}", CommandResultDTO.class))
                .isInstanceOfSatisfying(JsonProcessingException.class, e -> {
                    InvalidMessageException m = ProtocolJson.describe(e);
                    assertThat(m.field()).isEqualTo("scan.updates[1].id");
                    assertThat(m.getMessage()).isEqualTo("scan.updates[1].id contains a NUL character (U+0000)");
                });
        assertThatThrownBy(() -> json.readValue("{\"scanners\":[\"apt\",\"\\u0000\"]}", RegisterRequestDTO.class))
                .isInstanceOfSatisfying(JsonProcessingException.class,
                        e -> assertThat(ProtocolJson.describe(e).field()).isEqualTo("scanners[1]"));
    }

    @Test
    void badInputIsDescribedInWordsWithoutJavaTypeNames() {
        assertThat(problem("{\"seats\":\"many\"}", io.redflag.protocol.RegistrationTokenRequestDTO.class))
                .isEqualTo("seats cannot be 'many': expected a number");
        assertThat(problem("{\"scanners\":\"apt\"}", RegisterRequestDTO.class))
                .isEqualTo("scanners has the wrong JSON type: expected an array");
        assertThat(problem("[1,2]", RegisterRequestDTO.class)).isEqualTo("the body must be an object");
        assertThat(problem("{\"hostname\":", RegisterRequestDTO.class)).startsWith("malformed JSON: ");
        byte[] badUtf8 = {'{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        try {
            json.readValue(badUtf8, io.redflag.protocol.RegistrationTokenRequestDTO.class);
            throw new AssertionError("read invalid UTF-8");
        } catch (java.io.IOException e) {
            assertThat(ProtocolJson.describe((JsonProcessingException) e).getMessage())
                    .startsWith("note is not valid JSON text: Invalid UTF-8");
        }
        assertThat(problem("{} {}", RegisterRequestDTO.class)).startsWith("malformed JSON: ");
        for (String body : new String[] {"{\"seats\":\"many\"}", "{\"seats\":[1]}", "{\"seats\":{}}", "{\"note\":{}}",
                "{\"note\":[]}", "[1,2]", "\"x\"", "{\"seats\":1.5e400}", "{\"expiresInSeconds\":true}"}) {
            assertThat(problem(body, io.redflag.protocol.RegistrationTokenRequestDTO.class)).as(body)
                    .doesNotContain("java.", "io.redflag", "DTO", "`", "Cannot deserialize");
        }
    }

    private String problem(String body, Class<?> type) {
        try {
            json.readValue(body, type);
        } catch (JsonProcessingException e) {
            return ProtocolJson.describe(e).getMessage();
        }
        return "(read without error)";
    }
}
