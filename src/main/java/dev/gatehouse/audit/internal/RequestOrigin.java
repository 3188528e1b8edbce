package dev.gatehouse.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.gatehouse.platform.web.ClientIpResolver;
import dev.gatehouse.platform.web.RequestAttributes;

/**
 * Where an audited action came from: the client address, user agent and request id of the HTTP
 * request being served, or all absent for work outside a request (scheduled tasks, start-up).
 */
public record RequestOrigin(@Nullable String ip, @Nullable String userAgent, @Nullable String requestId) {

    /** Longer user agents are cut: the header is client-controlled and only a hint. */
    static final int MAX_USER_AGENT = 512;

    public static final RequestOrigin NONE = new RequestOrigin(null, null, null);

    public RequestOrigin {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            int end = Character.isHighSurrogate(userAgent.charAt(MAX_USER_AGENT - 1)) ? MAX_USER_AGENT - 1 : MAX_USER_AGENT;
            userAgent = userAgent.substring(0, end);
        }
    }

    /** The origin of the request bound to this thread, if any. */
    public static RequestOrigin current(ClientIpResolver clientIps) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return NONE;
        }
        return of(attributes.getRequest(), clientIps);
    }

    static RequestOrigin of(HttpServletRequest request, ClientIpResolver clientIps) {
        String requestId = request.getAttribute(RequestAttributes.REQUEST_ID) instanceof String id
                ? id : MDC.get("request_id");
        return new RequestOrigin(clientIps.resolve(request).ip(), request.getHeader("User-Agent"), requestId);
    }
}
