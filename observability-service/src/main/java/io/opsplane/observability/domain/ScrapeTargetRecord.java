package io.opsplane.observability.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A user's scrape job as stored; {@code targets} one address per line (empty with an HTTP discovery endpoint),
 * {@code labels} one {@code name=value} per line.
 */
@Entity
@Table(name = "scrape_target")
public class ScrapeTargetRecord extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String targets;

    @Column(nullable = false)
    public String labels;

    @Column(name = "metrics_path", nullable = false)
    public String metricsPath;

    @Column(nullable = false)
    public String scheme;

    @Column(name = "http_sd_url", nullable = false)
    public String httpSdUrl = "";

    @Column(name = "http_sd_refresh_ms", nullable = false)
    public long httpSdRefreshMs;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
