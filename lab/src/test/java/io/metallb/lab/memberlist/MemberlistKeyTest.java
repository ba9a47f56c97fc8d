package io.metallb.lab.memberlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MemberlistKeyTest {
  @Test
  void appendsTheEmptyDigestToTheSecretAsMetallbDoes() {
    assertThat(HexFormat.of().formatHex(MemberlistKey.fromMetallbSecret("abcdefghijklmnopqrstuv")))
        .isEqualTo("6162636465666768696a6b6c6d6e6f70717273747576e3b0c44298fc1c149afb");
  }

  @Test
  void derivesTheLabKey() {
    assertThat(Base64.getEncoder().encodeToString(MemberlistKey.fromMetallbSecret("metallb-lab")))
        .isEqualTo("bWV0YWxsYi1sYWLjsMRCmPwcFJr79MiZb7kkJ65B5GQ=");
  }

  @Test
  void aLongSecretIsCutTo32Bytes() {
    String secret = "0123456789abcdef0123456789abcdefXYZ";
    assertThat(MemberlistKey.fromMetallbSecret(secret)).isEqualTo(secret.substring(0, 32).getBytes());
  }
}
