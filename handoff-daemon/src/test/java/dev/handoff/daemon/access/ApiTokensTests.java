package dev.handoff.daemon.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTests {

    static final String READ = "read-token-0123456789";
    static final String TRIGGER = "trigger-token-0123456789";

    @TempDir
    Path folder;

    @Test
    void eachTokenGivesItsRoleAndName() throws IOException {
        ApiTokens tokens =
                ApiTokens.load(file("# who may do what\n\nread " + READ + " dashboards\ntrigger  " + TRIGGER + "\n"));

        assertThat(tokens.authenticate(READ)).contains(new Caller("dashboards", Role.READ));
        assertThat(tokens.authenticate(TRIGGER)).contains(new Caller("token-4", Role.TRIGGER));
        assertThat(tokens.authenticate("read-token-012345678")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void rolesIncludeTheWeakerOnes() {
        assertThat(Role.ADMIN.covers(Role.TRIGGER)).isTrue();
        assertThat(Role.TRIGGER.covers(Role.READ)).isTrue();
        assertThat(Role.READ.covers(Role.TRIGGER)).isFalse();
        assertThat(Role.TRIGGER.covers(Role.ADMIN)).isFalse();
    }

    @Test
    void neitherToStringNorErrorsShowATokenAndOnlyHashesAreKept() throws IOException {
        ApiTokens tokens = ApiTokens.load(file("admin " + TRIGGER + "\n"));
        assertThat(tokens.toString()).isEqualTo("ApiTokens[1 tokens]").doesNotContain(TRIGGER);
        assertThatThrownBy(() -> ApiTokens.load(file("admin " + TRIGGER + "\nread " + TRIGGER + "\n")))
                .hasMessageContaining("line 2")
                .hasMessageContaining("given twice")
                .message()
                .doesNotContain(TRIGGER);
        assertThatThrownBy(() -> ApiTokens.load(file("root " + TRIGGER + "\n")))
                .hasMessageContaining("line 1: role 'root' must be one of read, trigger, admin")
                .message()
                .doesNotContain(TRIGGER);
    }

    @Test
    void shortOrOddTokensAndEmptyFilesAreRefusedNamingTheLine() throws IOException {
        assertThatThrownBy(() -> ApiTokens.load(file("read short\n")))
                .hasMessageContaining("line 1: the token must be at least 16");
        assertThatThrownBy(() -> ApiTokens.load(file("\nread tok;en-0123456789abc\n")))
                .hasMessageContaining("line 2: the token must be");
        assertThatThrownBy(() -> ApiTokens.load(file("read\n")))
                .hasMessageContaining("line 1: a token must follow the role");
        assertThatThrownBy(() -> ApiTokens.load(file("# nothing\n"))).hasMessageContaining("has no tokens");
        assertThatThrownBy(() -> ApiTokens.load(folder.resolve("missing"))).hasMessageContaining("does not exist");
    }

    @Test
    void certificateSubjectsCompareAsDistinguishedNames() throws IOException {
        CertificateRoles roles = CertificateRoles.load(file("trigger CN=ci-bot, O=Acme\n"));
        assertThat(roles.authenticate(new javax.security.auth.x500.X500Principal("cn=ci-bot,o=Acme"))
                        .map(Caller::role))
                .contains(Role.TRIGGER);
        assertThat(roles.authenticate(new javax.security.auth.x500.X500Principal("CN=other,O=Acme")))
                .isEmpty();
        assertThatThrownBy(() -> CertificateRoles.load(file("admin not a dn\n")))
                .hasMessageContaining("line 1")
                .hasMessageContaining("distinguished name");
    }

    private Path file(String text) throws IOException {
        Path file = Files.createTempFile(folder, "tokens", ".txt");
        Files.writeString(file, text);
        return file;
    }
}
