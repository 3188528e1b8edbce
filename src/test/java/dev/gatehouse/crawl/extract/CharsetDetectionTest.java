package dev.gatehouse.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which charset a body is read in: BOM, then the header's charset, then the page's own declaration, else UTF-8. */
class CharsetDetectionTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");

    private static ExtractedPage extract(byte[] body, @Nullable String contentType, @Nullable Charset headerCharset) {
        return new PageExtractor().extract(URI.create("https://example.com/"), contentType, body, headerCharset,
                EnumSet.of(Format.TEXT));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void aWindows1252PageIsReadByItsMetaCharset() {
        byte[] body = "<html><head><meta charset=\"windows-1252\"><title>Café</title></head><body><p>“Smart” quotes — and € 5</p></body></html>"
                .getBytes(WINDOWS_1252);
        ExtractedPage page = extract(body, "text/html", null);
        assertThat(page.title()).isEqualTo("Café");
        assertThat(page.text()).isEqualTo("“Smart” quotes — and € 5");
    }

    @Test
    void aShiftJisPageIsReadByItsHttpEquivDeclaration() {
        byte[] body = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
                + "<title>日本語のページ</title></head><body><p>こんにちは、世界。</p></body></html>").getBytes(SHIFT_JIS);
        ExtractedPage page = extract(body, "text/html", null);
        assertThat(page.title()).isEqualTo("日本語のページ");
        assertThat(page.text()).isEqualTo("こんにちは、世界。");
    }

    @Test
    void theHeaderCharsetWinsOverTheDeclaredOne() {
        byte[] body = "<meta charset=\"utf-8\"><p>Grüße</p>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(extract(body, "text/html; charset=iso-8859-1", StandardCharsets.ISO_8859_1).text()).isEqualTo("Grüße");
    }

    @Test
    void aByteOrderMarkWinsOverEverythingAndIsNotPartOfTheText() {
        byte[] utf8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "<meta charset=\"windows-1252\"><p>Grüße</p>".getBytes(StandardCharsets.UTF_8));
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<p>Grüße ✓</p>".getBytes(StandardCharsets.UTF_16LE));
        assertThat(extract(utf8, "text/html", WINDOWS_1252).text()).isEqualTo("Grüße");
        assertThat(extract(utf16, null, null).text()).isEqualTo("Grüße ✓");
    }

    @Test
    void anXmlDeclarationNamesTheCharsetOfAFeed() {
        byte[] body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Café news</title></channel></rss>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(extract(body, "application/rss+xml", null).title()).isEqualTo("Café news");
    }

    @Test
    void withoutAnyDeclarationTheBodyIsUtf8AndBadBytesBecomeReplacementCharacters() {
        byte[] body = concat("<p>naïve ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, '<', '/', 'p', '>'});
        assertThat(extract(body, "text/html", null).text()).isEqualTo("naïve \uFFFD");
    }

    @Test
    void anUnknownOrUtf16DeclarationFallsBackToUtf8() {
        byte[] unknown = "<meta charset=\"x-no-such-charset\"><p>Grüße</p>".getBytes(StandardCharsets.UTF_8);
        byte[] utf16InAscii = "<meta charset=\"utf-16\"><p>Grüße</p>".getBytes(StandardCharsets.UTF_8);
        assertThat(extract(unknown, "text/html", null).text()).isEqualTo("Grüße");
        assertThat(extract(utf16InAscii, "text/html", null).text()).isEqualTo("Grüße");
    }

    @Test
    void aDeclarationAfterTheFirstKilobyteIsIgnoredAsBrowsersDo() {
        byte[] body = ("<!--" + "x".repeat(1100) + "--><meta charset=\"windows-1252\"><p>Grüße</p>").getBytes(StandardCharsets.UTF_8);
        assertThat(extract(body, "text/html", null).text()).isEqualTo("Grüße");
    }
}
