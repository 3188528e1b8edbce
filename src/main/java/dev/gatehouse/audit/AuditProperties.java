package dev.gatehouse.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code gatehouse.audit.*}; docs/configuration.md lists each one.
 *
 * @param retention how long records are kept; older ones are deleted hourly and the chain
 *                  re-anchored on the last deleted record. {@code 0} keeps records forever.
 */
@ConfigurationProperties("gatehouse.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention) {

    public AuditProperties {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("gatehouse.audit.retention must not be negative");
        }
    }

    public static AuditProperties ofDefaults() {
        return new AuditProperties(Duration.ofDays(365));
    }

    public boolean keepsForever() {
        return retention.isZero();
    }
}
