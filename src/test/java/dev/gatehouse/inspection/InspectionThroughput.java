package dev.gatehouse.inspection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.inspection.web.InspectionBench;

/**
 * Microbenchmark, not a test: the cost of inspecting one typical request (four query parameters,
 * eight ordinary headers, a 1 KB JSON body) with the scanner the filter uses, on one thread after a
 * warm-up. Prints {@code inspection_us_per_request=…}; {@code bench/run inspection} runs it. The
 * goal is under 50 µs. Argument: seconds to measure (default 5).
 */
public final class InspectionThroughput {

    private InspectionThroughput() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        InspectionBench bench = new InspectionBench(JsonMapper.builder().build());
        MockHttpServletRequest request = typicalRequest();
        byte[] body = request.getContentAsByteArray();
        long sink = 0;
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            sink += bench.detections(request, body);
        }
        long requests = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 1_000; i++) {
                sink += bench.detections(request, body);
            }
            requests += 1_000;
            now = System.nanoTime();
        } while (now < end);
        double micros = (now - start) / 1e3 / requests;
        System.out.printf(Locale.ROOT, "inspection_us_per_request=%.2f (%d requests, body %d bytes, %d detections)%n",
                micros, requests, body.length, sink);
    }

    static MockHttpServletRequest typicalRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/jobs");
        request.setQueryString("q=weekly+report+for+O%27Brien&limit=50&sort=-created_at&cursor=eyJpZCI6IjEyMyJ9");
        request.addHeader("Host", "gatehouse.example.com");
        request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36");
        request.addHeader("Accept", "application/json, text/plain, */*");
        request.addHeader("Accept-Language", "en-GB,en;q=0.9,de;q=0.8");
        request.addHeader("Accept-Encoding", "gzip, deflate, br");
        request.addHeader("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig");
        request.addHeader("X-Request-Id", "3f2c9a1e-7b1d-4c55-9f0e-5d2a8c7b6e41");
        request.addHeader("Referer", "https://console.example.com/jobs?tab=recent&page=2");
        request.setContentType("application/json");
        StringBuilder json = new StringBuilder("{\"type\":\"report.weekly\",\"priority\":\"normal\",\"params\":{");
        List<String> notes = List.of("Quarterly numbers for the north region, as discussed on Monday.",
                "Don't include the draft figures; Ann's team will send the final ones by Friday.",
                "Contact: ops-team@example.com, phone +44 20 7946 0958.");
        for (int i = 0; json.length() < 960; i++) {
            json.append(i == 0 ? "" : ",").append("\"field_").append(i).append("\":\"")
                    .append(notes.get(i % notes.size())).append("\"");
        }
        json.append("},\"tags\":[\"finance\",\"weekly\"]}");
        request.setContent(json.toString().getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
