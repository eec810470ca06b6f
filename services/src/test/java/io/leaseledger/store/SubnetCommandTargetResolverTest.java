package io.leaseledger.store;

import io.leaseledger.events.subnet.ReclaimExpiredLeases;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The subnet commands go where Axon's annotation resolver would send them, without its reflection. */
class SubnetCommandTargetResolverTest {
    private final SubnetCommandTargetResolver resolver = new SubnetCommandTargetResolver();
    private final AnnotationCommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    @Test
    void aSubnetCommandGoesToItsSubnetAsTheAnnotationResolverSays() {
        SubnetCommand command = new ReclaimExpiredLeases(SubnetId.of(Cidr.parse("198.18.4.0/22")), Instant.EPOCH, 16);
        GenericCommandMessage<SubnetCommand> message = new GenericCommandMessage<>(command);

        VersionedAggregateIdentifier target = resolver.resolveTarget(message);

        assertThat(target).isEqualTo(annotations.resolveTarget(message));
        assertThat(target.getIdentifier()).isEqualTo("198.18.4.0/22");
        assertThat(target.getVersion()).isNull();
    }

    /** What makes the two agree for every command type: the subnet is its identifier, and nothing is its version. */
    @Test
    void everySubnetCommandNamesItsSubnetAsTheTargetAndCarriesNoVersion() {
        Class<?>[] types = SubnetCommand.class.getPermittedSubclasses();
        assertThat(types).isNotEmpty();
        for (Class<?> type : types) {
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
            // Where the annotation resolver looks: the class's fields and methods (a record
            // component's annotation lands on its field and its accessor).
            assertThat(members(type).filter(m -> ((AnnotatedElement) m).isAnnotationPresent(TargetAggregateIdentifier.class))
                    .map(Member::getName).distinct()).as(type.getSimpleName()).containsExactly("subnetId");
            assertThat(members(type).filter(m -> ((AnnotatedElement) m).isAnnotationPresent(TargetAggregateVersion.class)))
                    .as(type.getSimpleName()).isEmpty();
        }
    }

    private static Stream<Member> members(Class<?> type) {
        return Stream.concat(Arrays.stream(type.getDeclaredFields()), Arrays.stream(type.getDeclaredMethods()));
    }

    @Test
    void anyOtherPayloadGoesToTheAnnotationResolver() {
        GenericCommandMessage<OtherCommand> message = new GenericCommandMessage<>(new OtherCommand("elsewhere-7", 3L));

        VersionedAggregateIdentifier target = resolver.resolveTarget(message);

        assertThat(target.getIdentifier()).isEqualTo("elsewhere-7");
        assertThat(target.getVersion()).isEqualTo(3L);
    }

    record OtherCommand(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {}
}
