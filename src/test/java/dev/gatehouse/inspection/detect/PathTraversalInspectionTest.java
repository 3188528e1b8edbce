package dev.gatehouse.inspection.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTraversalInspectionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "../../../../var/lib/app/db.sqlite",
        "..%2f..%2fsecret.txt",
        "%252e%252e%252f%252e%252e%252fconfig",
        "%c0%ae%c0%ae/%c0%ae%c0%ae/home",
        "..\\..\\..\\inetpub\\wwwroot",
        "....//....//data",
        "/static/..;/admin",
        "../etc/hostname",
        "/etc/shadow",
        "C:\\Windows\\win.ini",
        "file:///proc/self/environ",
        "php://filter/convert.base64-encode/resource=index",
        "%uff0e%uff0e/%uff0e%uff0e/opt",
        "../../report.pdf%00.png",
    })
    void attacksAreDetected(String input) {
        CategoryCases.detectedAs(input, ThreatCategory.PATH_TRAVERSAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "../README.md",
        "see the file /etc/hosts.allow and edit it",
        "edit /etc/passwd with vipw only",
        "and so on... / more",
        "version 1..2 of the range",
        "/api/v1/auth/me",
    })
    void ordinaryInputIsClean(String input) {
        CategoryCases.clean(input);
    }
}
