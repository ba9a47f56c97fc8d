package io.metallb.speaker.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.metallb.speaker.layer2.Announcements.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnouncementsTest {
  private static final IpAddress V4 = IpAddress.of("198.51.100.200");
  private static final IpAddress V6 = IpAddress.of("2001:db8:100::200");

  @Test
  void sharedAddressStaysAnnouncedUntilItsLastServiceGoes() {
    Announcements a = Announcements.NONE
        .withAdvertisement("default/web", IpAdvertisement.everywhere(V4)).announcements()
        .withAdvertisement("default/dns", IpAdvertisement.everywhere(V4)).announcements();
    assertThat(a.referenceCount(V4)).isEqualTo(2);

    Announcements.Removed first = a.withoutService("default/web");
    assertThat(first.noLongerAnnounced()).isEmpty();
    assertThat(first.announcements().verdict(V4, "eth0")).isEqualTo(Verdict.ANSWER);

    Announcements.Removed last = first.announcements().withoutService("default/dns");
    assertThat(last.noLongerAnnounced()).containsExactly(V4);
    assertThat(last.announcements().verdict(V4, "eth0")).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void onlyTheFirstServiceOfAnIpv6AddressJoinsItsMulticastGroup() {
    Announcements.Added first = Announcements.NONE.withAdvertisement("default/a", IpAdvertisement.everywhere(V6));
    Announcements.Added second = first.announcements().withAdvertisement("default/b", IpAdvertisement.everywhere(V6));
    Announcements.Added v4 = Announcements.NONE.withAdvertisement("default/a", IpAdvertisement.everywhere(V4));
    assertThat(first.firstAnnounced()).contains(V6);
    assertThat(second.firstAnnounced()).isEmpty();
    assertThat(v4.firstAnnounced()).as("IPv4 has no group to join").isEmpty();
  }

  @Test
  void readvertisingAnAddressReplacesItsInterfacesWithoutCountingTwice() {
    Announcements a = Announcements.NONE.withAdvertisement("default/web", IpAdvertisement.on(V4, Set.of("eth0"))).announcements();
    Announcements b = a.withAdvertisement("default/web", IpAdvertisement.on(V4, Set.of("eth1"))).announcements();
    assertThat(b.referenceCount(V4)).isEqualTo(1);
    assertThat(b.advertisementsOf("default/web")).containsExactly(IpAdvertisement.on(V4, Set.of("eth1")));
    assertThat(b.verdict(V4, "eth1")).isEqualTo(Verdict.ANSWER);
    assertThat(b.verdict(V4, "eth0")).isEqualTo(Verdict.NOT_ALLOWED_ON_INTERFACE);
    assertThat(a.verdict(V4, "eth0")).as("the old value is untouched").isEqualTo(Verdict.ANSWER);
  }

  @Test
  void anyServiceAllowingTheInterfaceIsEnough() {
    Announcements a = Announcements.NONE
        .withAdvertisement("default/a", IpAdvertisement.on(V4, Set.of("eth0"))).announcements()
        .withAdvertisement("default/b", IpAdvertisement.on(V4, Set.of("eth1"))).announcements();
    assertThat(a.allows(V4, "eth0")).isTrue();
    assertThat(a.allows(V4, "eth1")).isTrue();
    assertThat(a.verdict(V4, "eth2")).isEqualTo(Verdict.NOT_ALLOWED_ON_INTERFACE);
  }

  @Test
  void withdrawingAnUnknownServiceChangesNothing() {
    Announcements.Removed removed = Announcements.NONE.withoutService("default/none");
    assertThat(removed.announcements()).isSameAs(Announcements.NONE);
    assertThat(removed.noLongerAnnounced()).isEmpty();
  }
}
