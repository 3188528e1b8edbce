package dev.gatehouse.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers, for requests it refuses before any filter runs (a header block over
 * the size limit, a malformed request line), as problem+json instead of Tomcat's HTML page. No
 * request id exists yet at that point; the body says so instead of inventing one.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String code = Problems.defaultCode(status);
        try {
            response.setContentType(Problems.MEDIA_TYPE.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"urn:gatehouse:problem:" + code + "\",\"title\":\"" + title + "\",\"status\":"
                        + status + ",\"detail\":\"The server refused the request before reading it (for example, "
                        + "a header block larger than it accepts).\",\"code\":\"" + code + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is going away; nothing more can be said on it
        }
    }
}
