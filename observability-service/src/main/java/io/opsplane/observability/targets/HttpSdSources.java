package io.opsplane.observability.targets;

import io.opsplane.observability.discovery.HttpSdDocument;
import io.opsplane.observability.discovery.InvalidScrapeTargetException;
import io.opsplane.observability.discovery.ScrapeTargets;
import io.opsplane.observability.discovery.UserScrapeTarget;
import io.opsplane.observability.discovery.UserScrapeTargets;
import io.opsplane.observability.egress.GuardedHttpClient;
import io.opsplane.platform.egress.UnsafeUrlException;
import io.opsplane.platform.text.PrintableText;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The HTTP service discovery endpoints of users' scrape jobs, read by this instance on each job's refresh interval
 * through the {@link GuardedHttpClient} (the job's address rules checked at every connection, redirects included),
 * at most {@value #MAX_DOCUMENT} bytes, and checked by {@link HttpSdDocument}. A read that fails keeps the last good
 * groups and records why. The jobs themselves are read from the database every {@value #JOBS_EVERY_SECONDS} seconds,
 * and at once after one is added here.
 */
@ApplicationScoped
public class HttpSdSources {

    private static final Logger LOG = Logger.getLogger(HttpSdSources.class);
    static final int MAX_DOCUMENT = 1 << 20;
    private static final int JOBS_EVERY_SECONDS = 5;

    /** The last read of one job's endpoint, as the API reports it. */
    public record Status(Instant lastRefresh, int targets, String lastError) {
    }

    private static final class Source {
        final UserScrapeTarget job;
        Instant nextRead = Instant.MIN;
        List<HttpSdDocument.Group> groups = List.of();
        Status status;

        Source(UserScrapeTarget job) {
            this.job = job;
        }
    }

    @Inject
    ScrapeTargetRegistry registry;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private GuardedHttpClient client;
    private ScheduledExecutorService reader;
    private volatile boolean reloadJobs = true;
    private int ticks;

    void start(@Observes StartupEvent event) {
        client = GuardedHttpClient.withSystemDns(UserScrapeTargets.addressPolicy(), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "http-sd-reader");
            thread.setDaemon(true);
            return thread;
        });
        reader.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    /** Reads the jobs again at the next tick (after one was added or removed through this instance). */
    public void jobsChanged() {
        reloadJobs = true;
    }

    /** The groups {@code job}'s endpoint lists now, with the job's labels; none before the first good read. */
    public List<ScrapeTargets.TargetGroup> groups(UserScrapeTarget job) {
        Source source = sources.get(job.name());
        if (source == null || !source.job.equals(job)) {
            return List.of();
        }
        List<ScrapeTargets.TargetGroup> groups = new ArrayList<>();
        for (HttpSdDocument.Group group : source.groups) {
            groups.add(job.group(group.targets(), group.labels()));
        }
        return groups;
    }

    /** The last read of the endpoint of the job named {@code name}; empty before the first. */
    public Optional<Status> status(String name) {
        return Optional.ofNullable(sources.get(name)).map(source -> source.status);
    }

    private void tick() {
        try {
            if (reloadJobs || ++ticks % JOBS_EVERY_SECONDS == 0) {
                reloadJobs = false;
                reconcile(registry.jobs().await().atMost(Duration.ofSeconds(10)));
            }
            Instant now = clock.instant();
            for (Source source : sources.values()) {
                if (!now.isBefore(source.nextRead)) {
                    read(source);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("users' HTTP discovery endpoints are not read this time: %s", e.getMessage());
        }
    }

    private void reconcile(List<UserScrapeTarget> jobs) {
        Set<String> current = new HashSet<>();
        for (UserScrapeTarget job : jobs) {
            if (job.httpSd().isEmpty()) {
                continue;
            }
            current.add(job.name());
            Source known = sources.get(job.name());
            if (known == null || !known.job.equals(job)) {
                sources.put(job.name(), new Source(job));
            }
        }
        sources.keySet().retainAll(current);
    }

    private void read(Source source) {
        UserScrapeTarget.HttpSd sd = source.job.httpSd().orElseThrow();
        Instant started = clock.instant();
        source.nextRead = started.plus(sd.refreshInterval());
        String error = "";
        try {
            GuardedHttpClient.Fetched fetched = client.get(sd.url(), "application/json", MAX_DOCUMENT);
            if (fetched.status() != 200) {
                error = "HTTP " + fetched.status() + " " + PrintableText.of(new String(fetched.body(),
                        java.nio.charset.StandardCharsets.UTF_8), 200);
            } else {
                source.groups = HttpSdDocument.parse(fetched.body(), source.job.scheme());
            }
        } catch (InvalidScrapeTargetException e) {
            error = e.getMessage();
        } catch (UnsafeUrlException e) {
            error = "may not be read: " + e.getMessage();
        } catch (IOException e) {
            error = "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (!error.isEmpty()) {
            LOG.debugf("HTTP discovery of job %s: %s", source.job.name(), error);
        }
        source.status = new Status(started, source.groups.stream().mapToInt(group -> group.targets().size()).sum(),
                error);
    }
}
