package consult

import (
	"fmt"
	"testing"

	"atazan/charter"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text string
		want charter.Lang
	}{
		// Kazakh.
		{"Қазақстан Республикасы өзін демократиялық, зайырлы, құқықтық және әлеуметтік мемлекет ретінде орнықтырады.", "kk"},
		{"Адамның және азаматтың құқықтары мен бостандықтары Конституцияға сәйкес танылады және оларға кепілдік беріледі.", "kk"},
		{"Мен бұл баптың екінші тармағын алып тастауды ұсынамын, себебі ол азаматтардың құқығын шектейді.", "kk"},
		{"ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ КОНСТИТУЦИЯСЫ", "kk"},
		// Kazakh with few Kazakh letters.
		{"Қазақстан Республикасының Конституциясы", "kk"},          // 3 of 37 letters
		{"Азаматтар заң алдында тең", "kk"},                        // 2 of 22
		{"Мемлекет тарапынан азаматтарға кепілдік беріледі", "kk"}, // 3 of 44
		{"Бала мен ана мемлекеттің қорғауында болады", "kk"},       // marker word мен
		{"Ол осы жерде тұрады", "kk"},
		// Kazakh without any Kazakh letter or marker word: a known limit.
		{"Бала мектепке барады", "ru"},
		// Russian.
		{"Республика Казахстан утверждает себя демократическим, светским, правовым и социальным государством.", "ru"},
		{"Предлагаю исключить второй пункт статьи, так как он ограничивает права граждан на мирные собрания.", "ru"},
		{"Права и свободы человека принадлежат каждому от рождения", "ru"},
		{"Ёлка", "ru"},
		// Russian naming Kazakh institutions. A short Russian sentence with
		// a Kazakh name and no marker word is taken for Kazakh.
		{"Мәжіліс Парламента принимает законы", "kk"},
		{"Мәжіліс и Сенат принимают законы", "ru"},
		{"Мажилис Парламента Республики Казахстан принимает законы", "ru"},
		{"Мәжіліс Парламента Республики Казахстан принимает законы", "ru"},
		{"Предлагаю переименовать Мәжіліс в Құрылтай и сократить число депутатов до ста.", "ru"},
		// English.
		{"The Republic of Kazakhstan proclaims itself a democratic, secular, legal and social state.", "en"},
		{"I propose to delete the second paragraph because it limits the freedom of assembly.", "en"},
		{"English text that names Қазақстан once should stay English.", "en"},
		// Mixed.
		{"Предлагаю заменить слово «shall» на «must» в английском переводе статьи 5.", "ru"},
		{"Прошу учесть требования к открытым данным (open data).", "ru"},
		{"Прошу учесть: e-government, open data, public log.", "en"}, // 25 Latin letters against 11 Cyrillic
		{"Мен e-gov порталы арқылы ұсыныс жібердім", "kk"},
		{"Article 5 Мәжіліс", "kk"}, // 7 Cyrillic letters, 2 of them Kazakh (24+5 points), against 7 Latin
		{"Article 5 of the Constitution, Мажилис", "en"},
		// No letters.
		{"", ""},
		{"   ", ""},
		{"2026-03-01 12:00 — 5 %", ""},
		{"👍👍", ""},
		{"Σύνταγμα", ""},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func ExampleDetectLanguage() {
	fmt.Println(DetectLanguage("Азаматтар заң алдында тең."))
	fmt.Println(DetectLanguage("Все равны перед законом и судом."))
	fmt.Println(DetectLanguage("Everyone is equal before the law and the courts."))
	fmt.Println(DetectLanguage("Мәжіліс и Сенат принимают законы."))
	fmt.Printf("%q\n", DetectLanguage("12:00"))
	// Output:
	// kk
	// ru
	// en
	// ru
	// ""
}
