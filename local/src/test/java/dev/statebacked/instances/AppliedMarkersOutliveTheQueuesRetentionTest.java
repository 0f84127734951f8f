package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.local.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message is applied at most once because its marker is found when it is delivered again: the marker must outlive
 * every queue the message can be redelivered from (the work queue, and the dead-letter queue it is redriven from),
 * whatever template.yaml sets their retention to. Then it expires: markers do not pile up forever.
 */
class AppliedMarkersOutliveTheQueuesRetentionTest {
    @Test
    void theMarkerOfAnAppliedMessageIsKeptLongerThanAnyQueueOfTheTemplateKeepsMessages() {
        List<SamTemplate.Resource> queues = SamTemplate.packaged().resources().values().stream()
                .filter(resource -> resource.type().equals("AWS::SQS::Queue"))
                .toList();

        assertThat(queues).hasSizeGreaterThanOrEqualTo(2).allSatisfy(queue -> {
            Object seconds = queue.properties().get("MessageRetentionPeriod");
            assertThat(seconds).as("%s states its retention", queue.logicalId()).isNotNull();
            assertThat(Duration.ofSeconds(Long.parseLong(seconds.toString())))
                    .as("%s's retention", queue.logicalId())
                    .isLessThan(InstanceRepository.APPLIED_MARKER_LIFETIME);
        });
    }
}
