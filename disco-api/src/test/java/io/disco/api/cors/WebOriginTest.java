package io.disco.api.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebOriginTest {

    @ParameterizedTest
    @CsvSource({
        "https://app.example.com, https://app.example.com",
        "HTTPS://App.Example.COM, https://app.example.com",
        "https://app.example.com:443, https://app.example.com",
        "http://127.0.0.1:80, http://127.0.0.1",
        "http://127.0.0.1:8080, http://127.0.0.1:8080",
        "http://[::1]:8080, http://[::1]:8080",
        "*, *"})
    void isWrittenAsBrowsersSendIt(String flag, String origin) {
        assertEquals(origin, WebOrigin.parse(flag).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://app.example.com/page", "app.example.com",
        "ftp://app.example.com", "https://user@app.example.com", "https://app.example.com?x=1", "https://", "",
        "https://*.example.com"})
    void refusesWhatIsNotAnOrigin(String flag) {
        assertThrows(IllegalArgumentException.class, () -> WebOrigin.parse(flag));
    }
}
