package dev.gatehouse.inspection.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossSiteScriptingInspectionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script src=//evil.test/x.js></script>",
        "\"><img src=nope onerror=prompt(7)>",
        "<svg/onload=confirm`7`>",
        "<a href=\"jav&#x09;ascript:void(0)\">go</a>",
        "<iframe srcdoc=\"&lt;b&gt;\"></iframe>",
        "\" autofocus onfocus=alert(document.domain) x=\"",
        "%3Cdetails%20open%20ontoggle%3Dalert(9)%3E",
        "<object data=\"data:text/html;base64,PHNjcmlwdD4=\">",
        "<div style=\"width:expression(alert(3))\">",
        "{{constructor.constructor('return this')()}}",
        "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.test\">",
        "&#x3C;ScRiPt&#x3E;fetch('//evil.test')&#x3C;/script&#x3E;",
        "＜script＞",
    })
    void attacksAreDetected(String input) {
        CategoryCases.detectedAs(input, ThreatCategory.CROSS_SITE_SCRIPTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I <3 this",
        "requires libfoo (>= 2.1) and <X11/Xlib.h>",
        "Contact <maintainer@example.org>",
        "line one<br>line two",
        "JavaScript: The Good Parts",
        "the online=true flag",
        "see <https://example.org/docs>",
        "a <= b and c > d",
        "Hello {{name}}, welcome",
    })
    void ordinaryInputIsClean(String input) {
        CategoryCases.clean(input);
    }
}
