package org.workdistlab.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsTheConcatenationOfTheFourFramesWithHmacSha256() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?", split over the four frames.
        var signer = new Signer("Jefe");
        assertThat(signer.sign(b("what do "), b("ya want "), b("for "), b("nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesAJupyterClientSignature() {
        // jupyter_client.session.Session(key=b"secret").sign([b'{"a":1}', b'{}', b'{}', b'{"code":"1+1"}'])
        var signer = new Signer("secret");
        assertThat(signer.sign(b("{\"a\":1}"), b("{}"), b("{}"), b("{\"code\":\"1+1\"}")))
                .isEqualTo("0aade2b613919c135b3893a0875ca7c0efb0b38bd72ef786605464553b3a23e6");
    }

    @Test
    void verifiesItsOwnSignatureAndRejectsAnyOtherBytes() {
        var signer = new Signer("k3y");
        String sig = signer.sign(b("h"), b("p"), b("m"), b("c"));
        assertThat(signer.verify(b(sig), b("h"), b("p"), b("m"), b("c"))).isTrue();
        char last = sig.charAt(sig.length() - 1);
        String flipped = sig.substring(0, sig.length() - 1) + (last == '0' ? '1' : '0');
        assertThat(signer.verify(b(flipped), b("h"), b("p"), b("m"), b("c"))).isFalse();
        assertThat(signer.verify(b(sig), b("h"), b("p"), b("m"), b("C"))).isFalse();
        assertThat(signer.verify(b(""), b("h"), b("p"), b("m"), b("c"))).isFalse();
        assertThat(new Signer("other").verify(b(sig), b("h"), b("p"), b("m"), b("c"))).isFalse();
    }

    @Test
    void anEmptyKeyMeansNoSigning() {
        var signer = new Signer("");
        assertThat(signer.sign(b("h"), b("p"), b("m"), b("c"))).isEmpty();
        assertThat(signer.verify(b(""), b("h"), b("p"), b("m"), b("c"))).isTrue();
    }
}
