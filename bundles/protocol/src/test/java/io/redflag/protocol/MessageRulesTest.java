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

    private static CheckInRequestDTO checkIn(String json) throws Exception {
        return ProtocolJson.mapper().readValue(json, CheckInRequestDTO.class);
    }

    @Test
    void theAgentsHostFiguresBreakersAndPolicyAreCheckedAndANewerPeersActionsReadAsUnknown() throws Exception {
        CheckInRequestDTO ok = MessageRules.check(checkIn("{\"accepts\":[\"scan\",\"reboot\"],\"breakers\":[{\"ecosystem\":"
                + "\"apt\",\"state\":\"open\",\"failures\":3,\"retryAt\":\"2026-11-30T20:00:00Z\"}],\"host\":{\"cpuLoad\":0.25,"
                + "\"disks\":[{\"mount\":\"/\",\"totalBytes\":10}],\"future\":1}}"));
        assertThat(ok.accepts).containsExactly(AgentAction.SCAN, AgentAction.UNKNOWN);
        assertThat(ok.breakers.get(0).state).isEqualTo(BreakerState.OPEN);
        assertThat(ok.host.disks.get(0).mount).isEqualTo("/");
        assertThat(ok.host.rebootRequired).as("not said: unknown, not false").isNull();
        assertThatThrownBy(() -> MessageRules.check(checkIn("{\"breakers\":[{\"ecosystem\":\"APT!\"}]}")))
                .hasMessageStartingWith("breakers[0].ecosystem must be lower-case");
        assertThatThrownBy(() -> MessageRules.check(checkIn("{\"host\":{\"disks\":[{\"type\":\"ext4\"}]}}")))
                .hasMessage("host.disks[0].mount is required");
        assertThatThrownBy(() -> MessageRules.check(checkIn("{\"accepts\":[null]}"))).hasMessageStartingWith("accepts must list");
        String disks = "{\"mount\":\"/\"},".repeat(MessageRules.MAX_DISKS + 1);
        assertThatThrownBy(() -> MessageRules.check(checkIn("{\"host\":{\"disks\":[" + disks.substring(0, disks.length() - 1)
                + "]}}"))).hasMessage("host.disks lists more than 64 file systems");
    }

    @Test
    void aHeartbeatLastsTenThirtyOrSixtyMinutes() {
        HeartbeatRequestDTO h = new HeartbeatRequestDTO();
        h.minutes = 30;
        assertThat(MessageRules.check(h).minutes).isEqualTo(30);
        h.minutes = 45;
        assertThatThrownBy(() -> MessageRules.check(h)).hasMessage("minutes must be one of [10, 30, 60], not 45");
        assertThatThrownBy(() -> MessageRules.check((HeartbeatRequestDTO) null)).hasMessage("a JSON body is required");
    }

    @Test
    void tagsAreShortLowerCaseWordsSortedWithoutRepeats() {
        AgentTagsDTO t = new AgentTagsDTO();
        t.tags = java.util.List.of("web", "prod", "web");
        assertThat(MessageRules.check(t).tags).containsExactly("prod", "web");
        t.tags = java.util.List.of("Prod");
        assertThatThrownBy(() -> MessageRules.check(t)).hasMessageStartingWith("tags[0] must be lower-case");
        t.tags = java.util.Collections.nCopies(21, "x");
        assertThatThrownBy(() -> MessageRules.check(t)).hasMessage("tags lists more than 20 tags");
    }

    private static <T> T read(String json, Class<T> type) throws Exception {
        return ProtocolJson.mapper().readValue(json, type);
    }

    @Test
    void anInstallNamesItsPlanByHashOrByItsDryRunAndADryRunNamesNeither() throws Exception {
        String dry = "0b7c3f5e-8a56-4c1e-9b9f-1d2e3f4a5b6c";
        PackageCommandRequestDTO byDryRun = MessageRules.check(read("{\"dryRunId\":\"" + dry + "\"}",
                PackageCommandRequestDTO.class), true);
        assertThat(byDryRun.packages).as("taken from the dry run").isEmpty();
        assertThatThrownBy(() -> MessageRules.check(read("{\"ecosystem\":\"apt\",\"packages\":[\"a\"]}",
                PackageCommandRequestDTO.class), true)).hasMessageContaining("planHash must be").hasMessageContaining("dryRunId");
        assertThatThrownBy(() -> MessageRules.check(read("{\"dryRunId\":\"x\"}", PackageCommandRequestDTO.class), true))
                .hasMessage("dryRunId 'x' is not a UUID");
        assertThatThrownBy(() -> MessageRules.check(read("{\"ecosystem\":\"apt\",\"packages\":[\"a\"],\"dryRunId\":\""
                + dry + "\"}", PackageCommandRequestDTO.class), false)).hasMessage("dryRunId belongs to installs, not dry runs");
        assertThatThrownBy(() -> MessageRules.check(read("{\"dryRunId\":\"" + dry + "\",\"ecosystem\":\"APT\"}",
                PackageCommandRequestDTO.class), true)).hasMessageStartingWith("ecosystem must be");
    }

    @Test
    void aDecisionNamesItsDryRunAndSaysApprovedOrRejected() throws Exception {
        String dry = "0b7c3f5e-8a56-4c1e-9b9f-1d2e3f4a5b6c";
        assertThat(MessageRules.check(read("{\"dryRunId\":\"" + dry + "\",\"decision\":\"rejected\"}",
                ApprovalRequestDTO.class)).decision).isEqualTo(ApprovalDecision.REJECTED);
        assertThatThrownBy(() -> MessageRules.check(read("{\"dryRunId\":\"" + dry + "\",\"decision\":\"maybe\"}",
                ApprovalRequestDTO.class))).hasMessage("decision must be approved or rejected");
        assertThatThrownBy(() -> MessageRules.check(read("{\"decision\":\"approved\"}", ApprovalRequestDTO.class)))
                .hasMessageStartingWith("dryRunId");
        assertThatThrownBy(() -> MessageRules.check(read("{\"dryRunId\":\"" + dry + "\",\"decision\":\"approved\","
                + "\"comment\":\"" + "x".repeat(MessageRules.MAX_MESSAGE + 1) + "\"}", ApprovalRequestDTO.class)))
                .hasMessageStartingWith("comment is longer");
    }

    @Test
    void aJobSelectsAgentsOneWayAndActsOnADryRunJobForDecisionsAndInstalls() throws Exception {
        String id = "0b7c3f5e-8a56-4c1e-9b9f-1d2e3f4a5b6c";
        JobRequestDTO scan = MessageRules.check(read("{\"action\":\"scan\",\"ecosystem\":\"apt\",\"selection\":"
                + "{\"tag\":\"web\",\"online\":true,\"severity\":\"important\",\"someNewFilter\":1}}", JobRequestDTO.class));
        assertThat(scan.selection.tag).isEqualTo("web");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"reboot\"}", JobRequestDTO.class)))
                .as("a newer peer's action reads as unknown and is refused").hasMessageStartingWith("action must be");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"scan\",\"ecosystem\":\"apt\"}", JobRequestDTO.class)))
                .hasMessageStartingWith("selection is required");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"scan\",\"ecosystem\":\"apt\",\"selection\":{}}",
                JobRequestDTO.class))).as("never every agent by omission").hasMessageStartingWith("selection selects nothing");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"scan\",\"ecosystem\":\"apt\",\"selection\":"
                + "{\"agentIds\":[\"" + id + "\"],\"tag\":\"web\"}}", JobRequestDTO.class))).hasMessageContaining("not both");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"scan\",\"ecosystem\":\"apt\",\"selection\":"
                + "{\"agentIds\":[\"" + id + "\",\"" + id + "\"]}}", JobRequestDTO.class))).hasMessageContaining("twice");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"scan\",\"ecosystem\":\"apt\",\"selection\":"
                + "{\"severity\":\"dire\"}}", JobRequestDTO.class))).hasMessageStartingWith("selection.severity");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"dry-run\",\"ecosystem\":\"apt\",\"selection\":"
                + "{\"all\":true}}", JobRequestDTO.class))).hasMessageStartingWith("packages must name");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"install\",\"jobId\":\"" + id + "\",\"selection\":"
                + "{\"all\":true}}", JobRequestDTO.class))).hasMessageStartingWith("selection belongs to scan and dry-run jobs");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"approve\",\"jobId\":\"" + id + "\",\"ecosystem\":"
                + "\"apt\"}", JobRequestDTO.class))).hasMessageStartingWith("ecosystem comes from the dry-run job");
        assertThatThrownBy(() -> MessageRules.check(read("{\"action\":\"install\"}", JobRequestDTO.class)))
                .hasMessageStartingWith("jobId");
    }
}
