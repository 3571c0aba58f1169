package fr.clavardage.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The host origin setting: origins only, normalised; anything else stops the deployment. */
class SecurityHeadersFilterTest {

    @Test
    void readsOriginsSeparatedBySpacesOrCommas() {
        assertThat(SecurityHeadersFilter.hostOrigins(" https://ERP.example.com, http://erp.local:8080 "))
                .containsExactly("https://erp.example.com", "http://erp.local:8080");
        assertThat(SecurityHeadersFilter.hostOrigins("")).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnOrigin() {
        for (String wrong : new String[] {"*", "erp.example.com", "https://erp.example.com/path", "ftp://erp",
                "'unsafe-inline'", "https://u:p@erp.example.com", "https://erp.example.com; script-src *"}) {
            assertThatThrownBy(() -> SecurityHeadersFilter.hostOrigins(wrong)).as(wrong)
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
