package io.opsplane.runtime.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Applies an access plan to the local broker as its administrator, in one JVM: SCRAM credentials,
 * topics and ACLs. Passwords are read from owner-only files named in the plan, never taken from the
 * command line. Every step is idempotent, so the launcher runs it at every start.
 *
 * <pre>
 * java -cp 'libs/*' io.opsplane.runtime.kafka.KafkaAccess ADMIN_CLIENT_PROPERTIES PLAN_FILE
 *
 * plan lines (# comments):
 *   user   NAME PASSWORD_FILE                  SCRAM-SHA-512 credential of User:NAME
 *   topic  NAME PARTITIONS                     created when missing
 *   allow  NAME OPERATION TOPIC|GROUP LITERAL|PREFIXED RESOURCE
 * </pre>
 */
public final class KafkaAccess {

    private static final int ITERATIONS = 8192;

    private KafkaAccess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaAccess ADMIN_CLIENT_PROPERTIES PLAN_FILE");
            System.exit(2);
        }
        Properties client = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            client.load(in);
        }
        List<String[]> plan = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            int expected = switch (fields[0]) {
                case "user", "topic" -> 3;
                case "allow" -> 6;
                default -> throw new IllegalArgumentException(args[1] + " line " + lineNo + ": unknown step " + fields[0]);
            };
            if (fields.length != expected) {
                throw new IllegalArgumentException(args[1] + " line " + lineNo + ": " + fields[0] + " takes "
                        + (expected - 1) + " fields");
            }
            plan.add(fields);
        }
        try (Admin admin = Admin.create(client)) {
            apply(admin, plan);
        }
    }

    static void apply(Admin admin, List<String[]> plan) throws Exception {
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        List<NewTopic> topics = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (String[] step : plan) {
            switch (step[0]) {
                case "user" -> users.add(new UserScramCredentialUpsertion(step[1],
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password(step[2])));
                case "topic" -> topics.add(new NewTopic(step[1], Integer.parseInt(step[2]), (short) 1));
                case "allow" -> acls.add(new AclBinding(
                        new ResourcePattern(ResourceType.valueOf(step[3].toUpperCase(Locale.ROOT)), step[5],
                                PatternType.valueOf(step[4].toUpperCase(Locale.ROOT))),
                        new AccessControlEntry("User:" + step[1], "*",
                                AclOperation.valueOf(step[2].toUpperCase(Locale.ROOT)), AclPermissionType.ALLOW)));
                default -> throw new IllegalStateException(step[0]);
            }
        }
        if (!users.isEmpty()) {
            admin.alterUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS);
        }
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        if (!acls.isEmpty()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("kafka access: %d users, %d topics (%d created), %d ACLs%n", users.size(), topics.size(),
                missing.size(), acls.size());
    }

    private static String password(String file) throws IOException {
        String password = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        return password;
    }
}
