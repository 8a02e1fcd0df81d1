package dev.forecourt.platform.pii;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MaskingTest {

    @Test
    void mainlandMobileKeepsFirstThreeAndLastFour() {
        assertEquals("138****5678", Masking.phone("13812345678"));
        assertEquals("138****5678", Masking.phone("+8613812345678"));
        assertEquals("138****5678", Masking.phone("+86 138-1234-5678"));
        assertEquals("138****5678", Masking.phone("008613812345678"));
    }

    @Test
    void otherNumbersKeepOnlyTheirLastFourDigits() {
        assertEquals("********0958", Masking.phone("+44 20 7946 0958"));
        assertEquals("******5678", Masking.phone("0105555678"));
        assertEquals("***", Masking.phone("110"));
        assertEquals("", Masking.phone(""));
    }

    @Test
    void idNumberKeepsFirstThreeAndLastFourAtTheSameLength() {
        assertEquals("110***********1234", Masking.idNumber("110101199001011234"));
        assertEquals("110***********123X", Masking.idNumber("11010119900101123X"));
        assertEquals(18, Masking.idNumber("110101199001011234").length());
        assertEquals("*****", Masking.idNumber("12345"));
    }

    @Test
    void emailKeepsFirstCharacterAndDomain() {
        assertEquals("z***@example.com", Masking.email("zhang.san@example.com"));
        assertEquals("a***@example.com", Masking.email("a@example.com"));
        assertEquals("***@example.com", Masking.email("@example.com"));
        assertEquals("z***", Masking.email("zhangsan"));
    }

    @Test
    void nameKeepsFirstCharacterAndAtMostThreeStars() {
        assertEquals("张**", Masking.name("张三丰"));
        assertEquals("张*", Masking.name("张三"));
        assertEquals("欧***", Masking.name("欧阳娜娜娜"));
        assertEquals("J***", Masking.name("John"));
        assertEquals("J***", Masking.name("Jonathan"));
        assertEquals("李", Masking.name("李"));
        assertEquals("", Masking.name(""));
    }

    @Test
    void nullStaysNull() {
        assertNull(Masking.phone(null));
        assertNull(Masking.idNumber(null));
        assertNull(Masking.email(null));
        assertNull(Masking.name(null));
    }
}
