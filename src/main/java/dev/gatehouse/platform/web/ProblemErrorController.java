package dev.gatehouse.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import dev.gatehouse.platform.security.PublicEndpoint;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC, e.g. by a
 * filter or Tomcat itself) with a problem body for any method and any Accept header.
 */
@Controller
@PublicEndpoint
class ProblemErrorController implements ErrorController {

    private final ProblemWriter writer;

    ProblemErrorController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code : HttpStatus.INTERNAL_SERVER_ERROR.value();
        if (status < 400) {
            status = HttpStatus.NOT_FOUND.value();
        }
        HttpStatus known = HttpStatus.resolve(status);
        String detail = known != null && known.is4xxClientError()
                ? "The request could not be handled: " + known.getReasonPhrase() + "."
                : "The server failed to handle the request; quote the X-Request-Id when reporting it.";
        writer.write(response, Problems.of(HttpStatusCode.valueOf(status), Problems.defaultCode(status), detail));
    }
}
