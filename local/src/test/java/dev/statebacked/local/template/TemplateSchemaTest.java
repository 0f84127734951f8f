package dev.statebacked.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the resource schemas AWS publishes for CloudFormation (installed from the npm registry at
 * test time, see src/test/resources/cfn-schemas/README.md): resource types exist, properties exist with the
 * schema's types, required properties are there, and references name something. Once with the parameters'
 * defaults and once with every option set, so both branches of each condition are seen.
 */
class TemplateSchemaTest {
    private static final Map<String, String> EVERY_OPTION = Map.of(
            "DomainName", "api.example.com",
            "CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/0b9c6e5a-2f4d-4e8a-9c1b-3d5e7f9a1b2c",
            "HostedZoneId", "Z0123456789ABCDEFGHIJ",
            "ApiHost", "https://d111111abcdef8.cloudfront.net",
            "AlarmEmail", "ops@example.com",
            "EgressAllowList", "billing.internal,10.20.0.0/16",
            "HistoryRetentionDays", "90",
            "MachineLogRetentionDays", "14");

    private final TemplateSchemaValidator validator = new TemplateSchemaValidator(ResourceSchemas.installed());

    @Test
    void theTemplateMatchesAwsResourceSchemasWithTheParametersDefaults() {
        assertThat(validator.problems(SamTemplate.packaged(), Map.of())).isEmpty();
    }

    @Test
    void theTemplateMatchesAwsResourceSchemasWithEveryOptionSet() {
        assertThat(validator.problems(SamTemplate.packaged(), EVERY_OPTION)).isEmpty();
    }

    @Test
    void onlySamsOwnResourceTypesGoWithoutASchema() {
        // SAM's schema cannot be had from this build (see the README beside the schemas): these are left to the
        // SAM transform, and this test says so rather than passing them silently
        assertThat(validator.unvalidatedTypes(SamTemplate.packaged()))
                .containsExactlyInAnyOrder("AWS::Serverless::HttpApi", "AWS::Serverless::Function");
    }

    @Test
    void aMisspelledPropertyAWrongTypeAMissingRequiredPropertyAndADanglingReferenceAreEachReported()
            throws IOException {
        String broken = packagedText()
                .replace("      VisibilityTimeout: 600\n", "      VisibilityTimeot: 600\n")
                .replace(
                        "        PointInTimeRecoveryEnabled: true\n",
                        "        PointInTimeRecoveryEnabled: \"always\"\n")
                .replace(
                        "      ComparisonOperator: GreaterThanThreshold\n      TreatMissingData: notBreaching\n"
                                + "      AlarmActions: [!Ref AlarmTopic]\n      OKActions: [!Ref AlarmTopic]\n\n  ApiFunctionThrottlesAlarm:",
                        "      TreatMissingData: notBreaching\n      AlarmActions: [!Ref AlarmTopic]\n"
                                + "      OKActions: [!Ref AlarmTopic]\n\n  ApiFunctionThrottlesAlarm:")
                .replace("Value: !GetAtt DeadLetterQueue.QueueName", "Value: !GetAtt DeadLetterQueues.QueueName");
        assertThat(broken)
                .as("every fault went into the copy")
                .isNotEqualTo(packagedText())
                .contains("VisibilityTimeot", "\"always\"", "DeadLetterQueues.QueueName");

        List<String> problems = validator.problems(parse(broken), Map.of());

        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("WorkQueue (AWS::SQS::Queue) /:")
                        .contains("VisibilityTimeot"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith(
                                "StateTable (AWS::DynamoDB::Table) /PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled:")
                        .contains("boolean"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("ApiFunctionErrorsAlarm (AWS::CloudWatch::Alarm) /:")
                        .contains("ComparisonOperator"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("GetAtt DeadLetterQueues.QueueName:"));
        assertThat(problems).hasSize(4);
    }

    private static String packagedText() throws IOException {
        try (InputStream in = SamTemplate.class.getResourceAsStream(SamTemplate.RESOURCE_NAME)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SamTemplate parse(String yaml) {
        return SamTemplate.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
