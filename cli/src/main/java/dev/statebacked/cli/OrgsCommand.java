package dev.statebacked.cli;

import dev.statebacked.config.AwsClients;
import dev.statebacked.json.Json;
import dev.statebacked.local.OrgAdmins;
import dev.statebacked.local.StackFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** `statebacked orgs create`: an org and its first admin key, made with the install's own AWS credentials. */
@Command(
        name = "orgs",
        mixinStandardHelpOptions = true,
        description = "Create an org and its first admin key on an install (the local stack or a deployment).",
        subcommands = {OrgsCommand.CreateCommand.class})
final class OrgsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create an org with a key holding every scope; prints the key's credentials as JSON, once.")
    static final class CreateCommand implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "The org's name")
        String name;

        @Option(
                names = "--no-anonymous-access",
                description = "Refuse the official client's anonymous sessions in this org")
        boolean noAnonymousAccess;

        @Mixin
        LocalDataDir dataDir;

        @ArgGroup(exclusive = false)
        Deployed deployed;

        static final class Deployed {
            @Option(
                    names = "--table",
                    required = true,
                    description = "The deployment's table (the stack's TableName output)")
            String table;

            @Option(
                    names = "--master-key-secret",
                    paramLabel = "ARN",
                    required = true,
                    description = "The deployment's master key secret (the stack's MasterKeySecretArn output)")
            String masterKeySecretArn;

            @Option(names = "--api-url", paramLabel = "URL", description = "Printed with the credentials")
            String apiUrl;
        }

        @Override
        public Integer call() {
            Map<String, String> environment;
            String table;
            String masterKeySecretArn;
            Optional<String> apiUrl;
            if (deployed != null) {
                // the SDK's own region and credentials chain, as the aws CLI would use them
                environment = System.getenv();
                table = deployed.table;
                masterKeySecretArn = deployed.masterKeySecretArn;
                apiUrl = Optional.ofNullable(deployed.apiUrl);
            } else {
                Optional<StackFile> stack =
                        LocalStackFile.find(dataDir.path, "orgs", "--table and --master-key-secret");
                if (stack.isEmpty()) {
                    return 1;
                }
                StackFile local = stack.get();
                environment = local.clientEnvironment();
                table = local.tableName();
                masterKeySecretArn = local.masterKeySecretArn();
                apiUrl = Optional.of(local.apiUrl());
            }
            try (AwsClients aws = new AwsClients(environment)) {
                OrgAdmins.Admin admin = OrgAdmins.create(aws, table, masterKeySecretArn, name, !noAnonymousAccess);
                Map<String, String> credentials = new LinkedHashMap<>();
                apiUrl.ifPresent(url -> credentials.put("apiUrl", url));
                credentials.put("orgId", admin.org().id());
                credentials.put("keyId", admin.key().key().id());
                credentials.put("secret", admin.key().secret());
                System.out.println(Json.write(credentials));
                return 0;
            } catch (SdkException e) {
                System.err.println(
                        "statebacked orgs: cannot reach the table or the master key secret: " + e.getMessage());
                return 1;
            }
        }
    }
}
