// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.json.ProtocolJson;
import org.junit.jupiter.api.Test;

class MessageRulesTest {

    private static CommandResultDTO result(String json) throws Exception {
        return ProtocolJson.mapper().readValue(json, CommandResultDTO.class);
    }

    private static final String ID = "\"commandId\":\"0b7c3f5e-8a56-4c1e-9b9f-1d2e3f4a5b6c\",\"status\":\"completed\"";

    @Test
    void whatTheInventoryCouldNotHoldIsRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> MessageRules.check(result("{" + ID + ",\"scan\":{\"updates\":[{\"id\":\"a\"},null]}}")))
                .isInstanceOf(InvalidMessageException.class).hasMessage("scan.updates[1] is null");
        String longId = "x".repeat(MessageRules.MAX_ID + 1);
        assertThatThrownBy(() -> MessageRules.check(result("{" + ID + ",\"scan\":{\"updates\":[{\"id\":\"" + longId + "\"}]}}")))
                .hasMessage("scan.updates[0].id is longer than 512 characters");
        assertThatThrownBy(() -> MessageRules.check(result("{" + ID + ",\"scan\":{\"updates\":[{\"installedVersion\":\"1\"}]}}")))
                .hasMessage("scan.updates[0] has neither id nor name");
        assertThatThrownBy(() -> MessageRules.check(result("{" + ID + ",\"scan\":{\"updates\":[{\"id\":\"a\",\"cves\":[null]}]}}")))
                .hasMessage("scan.updates[0].cves[0] is null");
        assertThatThrownBy(() -> MessageRules.check(result("{" + ID + ",\"plan\":{\"changes\":[null]}}")))
                .hasMessage("plan.changes[0] is null");
        assertThatThrownBy(() -> MessageRules.check(result("{" + ID + ",\"scan\":{\"updates\":[{\"id\":\"a\",\"downloadSize\":-1}]}}")))
                .hasMessage("scan.updates[0].downloadSize is negative");
        assertThatThrownBy(() -> MessageRules.check(result("{\"commandId\":\"c-1\",\"status\":\"completed\"}")))
                .hasMessage("commandId 'c-1' is not a UUID");
        CheckInRequestDTO checkIn = new CheckInRequestDTO();
        checkIn.agentVersion = "<script>alert(1)</script>";
        assertThatThrownBy(() -> MessageRules.check(checkIn)).hasMessageStartingWith("agentVersion must be a version");
        checkIn.agentVersion = "0.2.0-SNAPSHOT+build.7";
        MessageRules.check(checkIn); // a real version passes
        assertThat(checkIn.agentVersion).isEqualTo("0.2.0-SNAPSHOT+build.7");
    }

    @Test
    void aRebindNamesAMachineOrNoneAndAPlausibleTime() {
        RebindRequestDTO blank = new RebindRequestDTO();
        blank.machineId = " ";
        assertThatThrownBy(() -> MessageRules.check(blank)).hasMessage("machineId is required");
        RebindRequestDTO tooLong = new RebindRequestDTO();
        tooLong.expiresInSeconds = 31L * 86400;
        assertThatThrownBy(() -> MessageRules.check(tooLong)).hasMessageContaining("expiresInSeconds");
        assertThat(MessageRules.check((RebindRequestDTO) null).machineId).as("no body: the agent's own machine id, for a day").isNull();
    }
}
