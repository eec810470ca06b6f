package io.leaseledger.wire.reply;

import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static io.leaseledger.wire.reply.Requests.lab;
import static org.assertj.core.api.Assertions.assertThat;

class PxeSelectionTest {

    @ParameterizedTest(name = "{0} arch {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "PXEClient:Arch:00000:UNDI:002001  | 0  | lpxelinux.0                          | false",
            "PXEClient:Arch:00007:UNDI:003016  | 7  | bootx64.efi                          | false",
            "PXEClient:Arch:00009:UNDI:003016  | 9  | bootx64.efi                          | false",
            "PXEClient:Arch:00011:UNDI:003016  | 11 | bootaa64.efi                         | false",
            "HTTPClient:Arch:00016:UNDI:003001 | 16 | http://198.18.0.5/boot/bootx64.efi   | true",
            "HTTPClient:Arch:00019:UNDI:003001 | 19 | http://198.18.0.5/boot/bootaa64.efi  | true",
    })
    void theBootFileFollowsTheClientArchitecture(String vendorClass, int arch, String file, boolean http) {
        BootChoice c = PxeSelection.select(Requests.pxe(vendorClass, arch).build(), lab()).orElseThrow();
        assertThat(c.bootFile()).isEqualTo(file);
        assertThat(c.httpClient()).isEqualTo(http);
        assertThat(c.nextServer()).map(Object::toString).contains("198.18.0.5");
    }

    @Test
    void iPxeGetsItsScriptNotItselfAgain() {
        assertThat(PxeSelection.select(Requests.ipxe(7).build(), lab())).map(BootChoice::bootFile)
                .contains("http://198.18.0.5/boot.ipxe");
    }

    @Test
    void iPxeWithoutAScriptConfiguredFallsBackToItsArchitecture() {
        PxeBoot noScript = new PxeBoot(lab().nextServer(), lab().serverName(), lab().biosBootFile(), lab().uefiX64BootFile(),
                lab().uefiArm64BootFile(), lab().httpBootX64Url(), lab().httpBootArm64Url(), Optional.empty());
        assertThat(PxeSelection.select(Requests.ipxe(7).build(), noScript)).map(BootChoice::bootFile).contains("bootx64.efi");
    }

    @Test
    void aLegacyRomWithoutOption93IsTreatedAsBios() {
        Dhcp4Message request = Requests.client(MessageType.DISCOVER)
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient:Arch:00000:UNDI:002001").build();
        assertThat(PxeSelection.select(request, lab())).map(BootChoice::bootFile).contains("lpxelinux.0");
    }

    @Test
    void anOperatingSystemClientGetsNoBootSettings() {
        assertThat(PxeSelection.select(Requests.client(MessageType.DISCOVER, 1, 3, 6).build(), lab())).isEmpty();
    }

    @Test
    void anArchitectureWithNoConfiguredFileGetsNothing() {
        assertThat(PxeSelection.select(Requests.pxe("PXEClient:Arch:00006:UNDI:003016", 6).build(), lab())).isEmpty();
        assertThat(PxeSelection.select(Requests.pxe("PXEClient:Arch:00007:UNDI:003016", 7).build(), PxeBoot.NONE)).isEmpty();
    }

    @Test
    void anHttpBootClientIsNeverOfferedATftpFile() {
        PxeBoot tftpOnly = new PxeBoot(lab().nextServer(), Optional.empty(), lab().biosBootFile(), lab().uefiX64BootFile(),
                lab().uefiArm64BootFile(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(PxeSelection.select(Requests.pxe("HTTPClient:Arch:00016:UNDI:003001", 16).build(), tftpOnly)).isEmpty();
    }
}
