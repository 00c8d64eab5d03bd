package io.ferry.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsConnector;
import io.ferry.provider.ims.ImsOptions;
import io.ferry.provider.ims.ImsProfile;
import io.ferry.provider.element.ElementConnector;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProfile;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileConnectorsTest {
    static Transfer with(String key, String profile) {
        return Transfer.create("t", "ims", Direction.WATCH, "", "", "", Map.of(key, profile), Instant.EPOCH);
    }

    @Test
    void transfersOfOneProfileShareOneClientAndSoOneToken() throws Exception {
        Map<String, ImsProfile> profiles = Map.of("prod", ImsProfile.forRegion("eu-de", "d", "u", "p", null),
                "lab", ImsProfile.forRegion("eu-nl", "d", "u", "p", null));
        ImsConnector c = ImsConnector.byProfile(n -> Optional.ofNullable(profiles.get(n)));
        ImsClient a = c.connect(with(ImsOptions.PROFILE, "prod"));
        assertThat(c.connect(with(ImsOptions.PROFILE, "prod"))).isSameAs(a);
        assertThat(c.connect(with(ImsOptions.PROFILE, "lab"))).isNotSameAs(a);
        assertThat(a.tokens()).isSameAs(c.connect(with(ImsOptions.PROFILE, "prod")).tokens());
    }

    @Test
    void anUnknownProfileIsNamedInTheError() {
        ImsConnector c = ImsConnector.byProfile(n -> Optional.empty());
        assertThatThrownBy(() -> c.connect(with(ImsOptions.PROFILE, "gone"))).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("no IMS profile named \"gone\"");
        });
        ElementConnector ec = ElementConnector.byProfile(n -> Optional.empty());
        assertThatThrownBy(() -> ec.connect(with(ElementOptions.PROFILE, "mvip1"))).hasMessageContaining("no Element profile named \"mvip1\"");
    }

    @Test
    void elementClientsAreKeptPerProfile() throws Exception {
        ElementProfile p = new ElementProfile("https://10.0.0.1", null, "admin", "x", "", null);
        ElementConnector ec = ElementConnector.byProfile(n -> Optional.of(p));
        assertThat(ec.connect(with(ElementOptions.PROFILE, "a"))).isSameAs(ec.connect(with(ElementOptions.PROFILE, "a")));
    }
}
