package io.leaseledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an event or command that identifies a person's device: hardware addresses,
 * DHCP client identifiers, host names, vendor classes and relay circuit/remote ids.
 *
 * <p>The marking is the contract for what comes later: retention (how long the event stream
 * may keep such a field in clear), erasure on request (crypto-shredding or redaction of the
 * marked fields when a subject asks to be forgotten) and redaction in logs and exports. Tools
 * find the marked fields by reflection ({@link java.lang.reflect.RecordComponent} carries the
 * annotation), so every new field that can point at a person must carry it.
 *
 * <p>Addresses ({@code Ipv4Address}) are not marked: on their own they identify a slot in a
 * pool, and only become personal together with a marked field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** What the field holds, in words an auditor reads (for example "hardware address"). */
    String value() default "";
}
