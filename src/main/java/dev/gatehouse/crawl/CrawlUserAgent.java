package dev.gatehouse.crawl;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The {@code User-Agent} of every crawl request, robots.txt included: the configured one, else
 * {@code Gatehouse/<version> (+https://github.com/gatehouse)}, so a site owner can see who calls and
 * address us in robots.txt as {@code Gatehouse}.
 */
@Component
public class CrawlUserAgent {

    private final String value;

    CrawlUserAgent(CrawlProperties properties, ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        String version = info != null && info.getVersion() != null ? info.getVersion() : "dev";
        this.value = properties.userAgent().isBlank() ? "Gatehouse/" + version + " (+https://github.com/gatehouse)"
                : properties.userAgent().strip();
    }

    public String value() {
        return value;
    }
}
