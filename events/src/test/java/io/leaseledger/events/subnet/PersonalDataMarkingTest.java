package io.leaseledger.events.subnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.RelayAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Retention and erasure will find personal data by the marking; nothing may slip through unmarked. */
class PersonalDataMarkingTest {

    private static final Set<Class<?>> PERSONAL = Set.of(MacAddress.class, ClientId.class, Hostname.class,
            ClientIdentity.class);

    @Test
    void everyFieldHoldingADeviceIdentityIsMarked() {
        List<String> unmarked = new ArrayList<>();
        Stream.of(SubnetEvent.class.getPermittedSubclasses(), LeaseEvent.class.getPermittedSubclasses(),
                        SubnetCommand.class.getPermittedSubclasses(), new Class<?>[] {ClientIdentity.class})
                .flatMap(Stream::of)
                .filter(Class::isRecord)
                .forEach(type -> {
                    for (var component : type.getRecordComponents()) {
                        if (PERSONAL.contains(component.getType())
                                && component.getAnnotation(PersonalData.class) == null) {
                            unmarked.add(type.getSimpleName() + "." + component.getName());
                        }
                    }
                });
        assertThat(unmarked).isEmpty();
    }

    @Test
    void clientIdentityAndRelayMarkEachIdentifyingPart() throws Exception {
        for (String name : List.of("chaddr", "clientId", "hostname", "vendorClass")) {
            assertThat(ClientIdentity.class.getDeclaredField(name).getAnnotation(PersonalData.class)).as(name).isNotNull();
        }
        for (String name : List.of("circuitId", "remoteId")) {
            assertThat(RelayAgent.class.getDeclaredField(name).getAnnotation(PersonalData.class)).as(name).isNotNull();
        }
    }
}
