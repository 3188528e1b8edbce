package dev.gatehouse.inspection.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlInjectionInspectionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "nobody' OR 2=2 --",
        "x\" or \"q\"=\"q",
        "7 and 42=42",
        "5) OR (3=3",
        "' or ''='",
        "guest'#",
        "-7 UNION ALL SELECT name, pass FROM accounts",
        "9;DROP TABLE invoices",
        "abc'; waitfor delay '0:0:7' --",
        "3 AND SLEEP(4)",
        "1 or pg_sleep(3)--",
        "9 ORDER BY 12-- ",
        "1 and (select @@hostname)",
        "x' and (select count(*) from information_schema.columns)>0 --",
        "'||(SELECT CHAR(65)||CHR(66))||'",
        "1%27%20OR%20%271%27%3D%271",
        "uNiOn/**/sElEcT/**/password/**/from/**/members",
        "1 AND extractvalue(7,concat(0x3a,version()))",
    })
    void attacksAreDetected(String input) {
        CategoryCases.detectedAs(input, ThreatCategory.SQL_INJECTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O'Brien",
        "Select the best option or ask a friend",
        "Union Station, platform 3",
        "drop table support for old clients",
        "where x is the length of the string",
        "rock'n'roll and jazz",
        "1 or 2 tickets, please",
        "see sleep(3) for details",
        "Closes: #104233; thanks to Ann",
        "it's -- as they say -- fine",
        "\"#name\": \"value\"",
        "Updated the order by date option",
    })
    void ordinaryInputIsClean(String input) {
        CategoryCases.clean(input);
    }
}
