package dev.gatehouse.crawl;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import dev.gatehouse.platform.egress.EgressConfiguration;

/**
 * The {@code User-Agent} of every crawl request, robots.txt included: {@code gatehouse.crawl.user-agent},
 * else the same default as every other outbound request.
 */
@Component
public class CrawlUserAgent {

    private final String value;

    CrawlUserAgent(CrawlProperties properties, ObjectProvider<BuildProperties> build) {
        this.value = EgressConfiguration.userAgent(properties.userAgent(), build.getIfAvailable());
    }

    public String value() {
        return value;
    }
}
