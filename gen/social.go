package gen

import (
	"math/rand/v2"
)

// Support is a citizen's support of a proposal.
type Support struct{ Proposal, Citizen int }

// Comment is a citizen's comment on a proposal, possibly replying to an
// earlier comment on the same proposal (ReplyTo is its index in the slice
// Comments returns, or -1).
type Comment struct {
	Proposal, Citizen int
	Stance            string // for | against | neutral
	Text              string
	ReplyTo           int
}

// Stances of comments.
const (
	StanceFor     = "for"
	StanceAgainst = "against"
	StanceNeutral = "neutral"
)

// Supports returns n supports of the consultation's proposals. Attention is
// uneven, as in real consultations: a Zipf law over proposals, so a few
// gather thousands of supports and most gather none. No citizen supports a
// proposal twice (when a proposal has as many supports as there are
// citizens, further draws go elsewhere). Supports use their own random
// stream: they do not depend on Next, and the same n gives the same result.
func (g *Generator) Supports(n int) []Support {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 0x737570))
	z := rand.NewZipf(r, 1.1, 2, uint64(g.cfg.Proposals-1))
	mul := coprime(r, g.cfg.Proposals)
	count := make(map[int]int)
	out := make([]Support, 0, n)
	for len(out) < n {
		p := int((int64(z.Uint64())*int64(mul) + 7) % int64(g.cfg.Proposals))
		k := count[p]
		if k >= g.cfg.Citizens {
			if len(count) == g.cfg.Proposals { // every pair is taken
				break
			}
			continue
		}
		count[p] = k + 1
		// The k-th supporter of p: a permutation of citizens per proposal.
		stride := int(mix(uint64(p)^g.cfg.Seed)%uint64(g.cfg.Citizens)) | 1
		for gcd(stride, g.cfg.Citizens) != 1 {
			stride = stride%g.cfg.Citizens + 1
		}
		c := int((int64(p)*7919 + int64(k)*int64(stride)) % int64(g.cfg.Citizens))
		out = append(out, Support{Proposal: p, Citizen: c})
	}
	return out
}

// commentTexts by stance and language (English, Russian, Kazakh).
var commentTexts = map[string][3][]string{
	StanceFor: {
		{"I fully support this proposal.", "Agree, this is long overdue.", "Support. This is what our village needs.", "Good proposal, I hope the commission accepts it.", "Absolutely right, I signed under every word."},
		{"Полностью поддерживаю это предложение.", "Согласен, давно пора.", "Поддерживаю. Это то, что нужно нашему селу.", "Хорошее предложение, надеюсь, комиссия его примет.", "Абсолютно верно, подписываюсь под каждым словом."},
		{"Бұл ұсынысты толық қолдаймын.", "Келісемін, баяғыда істеу керек еді.", "Қолдаймын. Біздің ауылға дәл осы керек.", "Жақсы ұсыныс, комиссия қабылдайды деп үміттенемін.", "Дұрыс айтылған, әр сөзіне қол қоямын."},
	},
	StanceAgainst: {
		{"I disagree: this will only create new problems.", "This is not a matter for the Constitution, a law is enough.", "Against. The wording is too vague.", "This would cost the budget too much.", "I do not support this; the current text is better."},
		{"Не согласен: это только создаст новые проблемы.", "Это не уровень Конституции, достаточно закона.", "Против. Формулировка слишком расплывчатая.", "Это обойдется бюджету слишком дорого.", "Не поддерживаю, нынешний текст лучше."},
		{"Келіспеймін: бұл тек жаңа мәселелер туғызады.", "Бұл Конституцияның деңгейі емес, заң жеткілікті.", "Қарсымын. Тұжырым тым бұлыңғыр.", "Бұл бюджетке тым қымбатқа түседі.", "Қолдамаймын, қазіргі мәтін жақсырақ."},
	},
	StanceNeutral: {
		{"Interesting, but how will this work in practice?", "Who will pay for this?", "The idea is good, but the wording needs work.", "Is there a similar norm in other countries?", "I would like to hear the opinion of lawyers."},
		{"Интересно, но как это будет работать на практике?", "А кто за это заплатит?", "Идея хорошая, но формулировку надо доработать.", "Есть ли подобная норма в других странах?", "Хотелось бы услышать мнение юристов."},
		{"Қызық, бірақ бұл іс жүзінде қалай жұмыс істейді?", "Мұны кім қаржыландырады?", "Идея жақсы, бірақ тұжырымын пысықтау керек.", "Басқа елдерде осындай норма бар ма?", "Заңгерлердің пікірін естігім келеді."},
	},
}

var commentTails = [3][]string{
	{"", "", " Thank you to the author.", " My whole family thinks so.", " Please take this into account."},
	{"", "", " Спасибо автору.", " Так думает вся моя семья.", " Прошу учесть."},
	{"", "", " Авторға рахмет.", " Бүкіл отбасым осылай ойлайды.", " Ескеруіңізді сұраймын."},
}

// Comments returns n comments on the consultation's proposals, a Zipf law
// over proposals as for Supports; about a quarter reply to an earlier
// comment on the same proposal. Comment languages follow Config.Langs. Like
// Supports, Comments has its own random stream.
func (g *Generator) Comments(n int) []Comment {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 0x636f6d))
	z := rand.NewZipf(r, 1.15, 2, uint64(g.cfg.Proposals-1))
	mul := coprime(r, g.cfg.Proposals)
	byProposal := make(map[int][]int32)
	out := make([]Comment, 0, n)
	for len(out) < n {
		p := int((int64(z.Uint64())*int64(mul) + 13) % int64(g.cfg.Proposals))
		c := Comment{Proposal: p, Citizen: r.IntN(g.cfg.Citizens), ReplyTo: -1}
		switch x := r.Float64(); {
		case x < .5:
			c.Stance = StanceFor
		case x < .8:
			c.Stance = StanceAgainst
		default:
			c.Stance = StanceNeutral
		}
		if prev := byProposal[p]; len(prev) > 0 && r.Float64() < .25 {
			c.ReplyTo = int(prev[r.IntN(len(prev))])
		}
		x, l := r.Float64(), langEN
		for i, cum := range g.langCum {
			if x < cum {
				l = i
				break
			}
		}
		texts := commentTexts[c.Stance][l]
		c.Text = texts[r.IntN(len(texts))] + commentTails[l][r.IntN(len(commentTails[l]))]
		byProposal[p] = append(byProposal[p], int32(len(out)))
		out = append(out, c)
	}
	return out
}
