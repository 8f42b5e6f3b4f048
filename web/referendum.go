package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"

	"atazan"
	"atazan/forensics"
	"atazan/i18n"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
)

// ReferendumStore is what the referendum's pages and API need of the store
// (implemented by *store.Store). The server serves them when its consult
// store implements this interface too.
type ReferendumStore interface {
	Referendums(ctx context.Context) ([]store.Referendum, error)
	ReferendumBySlug(ctx context.Context, slug string) (store.Referendum, error)
	Structure(ctx context.Context, id referendum.ID) (*referendum.Structure, error)
	ReferendumTotals(ctx context.Context, id referendum.ID, level string) ([]store.AreaTotals, error)
	NationalTotals(ctx context.Context, id referendum.ID) (referendum.Totals, error)
	Results(ctx context.Context, id referendum.ID) (referendum.Result, error)
	ReferendumLastLogIndex(ctx context.Context, id referendum.ID) (int64, error)
	PrecinctRevisions(ctx context.Context, id referendum.ID, precinct referendum.PrecinctID) ([]store.StoredRevision, error)
	CountedProtocols(ctx context.Context, id referendum.ID, district int) ([]store.StoredRevision, error)
	Revisions(ctx context.Context, id referendum.ID) ([]store.StoredRevision, error)
	OfficerPrecinct(ctx context.Context, id referendum.ID, account identity.AccountID) (referendum.PrecinctID, bool, error)
	SubmitProtocol(ctx context.Context, id referendum.ID, rev referendum.Revision, by identity.Account) (store.Submission, []referendum.Violation, error)
	DeclareResult(ctx context.Context, id referendum.ID, inForce string, by identity.Account) (store.Declaration, error)
	ForensicsStations(ctx context.Context, id referendum.ID) ([]forensics.Station, []forensics.ControlWarning, error)
}

// referendums returns the referendum store, or nil when the server has none.
func (s *Server) referendums() ReferendumStore {
	if rs, ok := s.consult.(ReferendumStore); ok {
		return rs
	}
	return nil
}

// refPages are the referendum's page templates, each executed through the
// layout; they are parsed when the program starts, and a fault stops it.
var refPages = func() map[string]*template.Template {
	base := template.Must(template.New("layout").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/referendum_partials.html"))
	m := map[string]*template.Template{}
	for _, name := range []string{"referendums", "referendum", "referendum_area", "referendum_precinct", "referendum_protocol", "referendum_forensics"} {
		src, err := templateFS.ReadFile("templates/" + name + ".html")
		if err != nil {
			panic(err)
		}
		if err := i18n.CheckTemplate(name+".html", string(src)); err != nil {
			panic(err)
		}
		m[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
	}
	return m
}()

// renderRef executes a referendum page like render does.
func (s *Server) renderRef(w http.ResponseWriter, r *http.Request, status int, name string, data interface{ lang() i18n.Lang }) {
	var buf bytes.Buffer
	if err := refPages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render page", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", string(data.lang()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// loadReferendum finds the referendum of the path value "slug".
func (s *Server) loadReferendum(r *http.Request) (ReferendumStore, store.Referendum, error) {
	rs := s.referendums()
	if rs == nil {
		return nil, store.Referendum{}, atazan.Errorf(atazan.ENotFound, "There is nothing at %s.", r.URL.Path)
	}
	ref, err := rs.ReferendumBySlug(r.Context(), r.PathValue("slug"))
	return rs, ref, err
}

// loadArea finds the referendum of the path value "slug" with its
// structure and, when name is "region", "district" or "precinct", the
// number of the area that path value names (ENotFound when there is none).
func (s *Server) loadArea(r *http.Request, name string) (ReferendumStore, store.Referendum, *referendum.Structure, int, error) {
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		return nil, ref, nil, 0, err
	}
	st, err := rs.Structure(r.Context(), ref.ID)
	if err != nil || name == "" {
		return rs, ref, st, 0, err
	}
	n := map[string]int{"region": len(st.Regions), "district": len(st.Districts), "precinct": len(st.Precincts)}[name]
	v, err := strconv.Atoi(r.PathValue(name))
	if err != nil || v < 0 || v >= n {
		return rs, ref, st, 0, atazan.Errorf(atazan.ENotFound, "there is no %s %q in this referendum", name, r.PathValue(name))
	}
	return rs, ref, st, v, nil
}

// refText is the wording of the referendum's pages.
type refText struct {
	Referendums, NoReferendums, Question, Version, VoteDate, Rules         string
	CountSoFar, DeclaredOn, Adopted, NotAdopted, Valid, NotValid           string
	Conditions, TurnoutCond, MajorityCond, RegionsCond, Holds, Fails       string
	Registered, Participants, Yes, No, Both, Invalid, Turnout, YesShare    string
	PrecinctsReported, Covered, Region, District, Precinct, Abroad         string
	Regions, Districts, Precincts, Protocol, Revisions, Revision, Reason   string
	Warnings, NotReported, Downloads, Charts, RegionsChart, ScatterChart   string
	RegionsChartAlt, ScatterChartAlt, EnterProtocol, SendProtocol          string
	NotAccepted, FixAndSend, AcceptedMsg, ReasonHint, DeclareResult        string
	InForceFrom, DeclareButton, InForce, LogRecord, NotYetReported, Totals string
	Forensics, ForensicsNote, IntegerPct, Observed, Expected, Excess, P999 string
	LastDigits, Counts, Flags, HighTurnout, ControlWarnings, Repeat        string
	Field                                                                  [referendum.NumFields]string
}

var refTexts = map[i18n.Lang]*refText{
	i18n.EN: {
		Forensics: "Statistics for observers", ForensicsNote: "A flag or a significant test is a reason to look at a protocol, never proof of fraud.",
		IntegerPct: "Stations at an integer percentage (turnout or yes share)", Observed: "observed", Expected: "expected", Excess: "excess",
		P999: "99.9th percentile of the simulations", LastDigits: "Last digits", Counts: "counts", Flags: "Flagged stations",
		HighTurnout: "turnout of 95% or more", ControlWarnings: "control-relation warnings", Repeat: "Repeat it on your machine",
		Referendums: "Referendums", NoReferendums: "No referendum has been called.", Question: "Question", Version: "Version put to the vote",
		VoteDate: "Day of the vote", Rules: "Rules", CountSoFar: "Count so far (not declared)", DeclaredOn: "Result declared on",
		Adopted: "Adopted", NotAdopted: "Not adopted", Valid: "Valid", NotValid: "Not valid",
		Conditions: "The conditions and their numbers", TurnoutCond: "Turnout", MajorityCond: "Yes among participants, nationally",
		RegionsCond: "Regions with a yes majority", Holds: "holds", Fails: "fails",
		Registered: "Registered voters", Participants: "Participants (ballots in the boxes)", Yes: "Yes", No: "No",
		Both: "Both marked (valid, not counted)", Invalid: "Invalid", Turnout: "Turnout", YesShare: "Yes share",
		PrecinctsReported: "Precincts reported", Covered: "Registered voters covered", Region: "Region", District: "District",
		Precinct: "Precinct", Abroad: "abroad", Regions: "Regions", Districts: "Districts", Precincts: "Precincts",
		Protocol: "Protocol", Revisions: "Revisions", Revision: "Revision", Reason: "Reason for the correction",
		Warnings: "Warnings", NotReported: "not reported", Downloads: "Downloads", Charts: "Charts",
		RegionsChart: "Yes share by region", ScatterChart: "Turnout against yes share, by precinct",
		RegionsChartAlt: "Bar chart of the yes share in each region; the table above has the same numbers.",
		ScatterChartAlt: "Density of precincts by turnout (across) and yes share (up); the precincts' numbers are in the downloads.",
		EnterProtocol:   "Enter your precinct's protocol", SendProtocol: "Send the protocol",
		NotAccepted: "The protocol is not accepted", FixAndSend: "Correct the numbers the rules name, then send it again. Nothing was saved.",
		AcceptedMsg: "Protocol accepted and counted.", ReasonHint: "Required when you correct a protocol already sent: a recount, a typing error, a court's decision.",
		DeclareResult: "Declare the result", InForceFrom: "In force from (when adopted)", DeclareButton: "Declare the result",
		InForce: "The version is in force from", LogRecord: "log record", NotYetReported: "not yet reported", Totals: "Totals",
		Field: [referendum.NumFields]string{"Registered voters", "Ballots received", "Ballots issued", "Ballots cancelled",
			"Ballots found in the boxes", "Invalid ballots", "Yes", "No", "Both marked"},
	},
	i18n.RU: {
		Forensics: "Статистика для наблюдателей", ForensicsNote: "Отметка или значимый тест — повод проверить протокол, но не доказательство фальсификации.",
		IntegerPct: "Участки с целым процентом (явки или доли «да»)", Observed: "наблюдается", Expected: "ожидается", Excess: "избыток",
		P999: "99,9-й процентиль симуляций", LastDigits: "Последние цифры", Counts: "чисел", Flags: "Отмеченные участки",
		HighTurnout: "явка 95% и выше", ControlWarnings: "предупреждения контрольных соотношений", Repeat: "Повторите на своём компьютере",
		Referendums: "Референдумы", NoReferendums: "Референдум не назначен.", Question: "Вопрос", Version: "Редакция, вынесенная на голосование",
		VoteDate: "День голосования", Rules: "Правила", CountSoFar: "Подсчёт (итоги не объявлены)", DeclaredOn: "Итоги объявлены",
		Adopted: "Принято", NotAdopted: "Не принято", Valid: "Состоялся", NotValid: "Не состоялся",
		Conditions: "Условия и их числа", TurnoutCond: "Явка", MajorityCond: "«Да» среди участников по стране",
		RegionsCond: "Регионы, где большинство «да»", Holds: "выполнено", Fails: "не выполнено",
		Registered: "Избирателей в списках", Participants: "Участники (бюллетени в ящиках)", Yes: "Да", No: "Нет",
		Both: "Отмечены оба (действительные, не учтены)", Invalid: "Недействительные", Turnout: "Явка", YesShare: "Доля «да»",
		PrecinctsReported: "Участков сообщили", Covered: "Избирателей на этих участках", Region: "Регион", District: "Район",
		Precinct: "Участок", Abroad: "за рубежом", Regions: "Регионы", Districts: "Районы", Precincts: "Участки",
		Protocol: "Протокол", Revisions: "Редакции", Revision: "Редакция", Reason: "Причина исправления",
		Warnings: "Предупреждения", NotReported: "не указано", Downloads: "Скачать", Charts: "Графики",
		RegionsChart: "Доля «да» по регионам", ScatterChart: "Явка и доля «да» по участкам",
		RegionsChartAlt: "Столбцы доли «да» по регионам; те же числа в таблице выше.",
		ScatterChartAlt: "Плотность участков по явке (по горизонтали) и доле «да» (по вертикали); числа участков — в выгрузках.",
		EnterProtocol:   "Внести протокол вашего участка", SendProtocol: "Отправить протокол",
		NotAccepted: "Протокол не принят", FixAndSend: "Исправьте числа, названные правилами, и отправьте снова. Ничего не сохранено.",
		AcceptedMsg: "Протокол принят и учтён.", ReasonHint: "Обязательно при исправлении уже отправленного протокола: пересчёт, опечатка, решение суда.",
		DeclareResult: "Объявить итоги", InForceFrom: "Вступает в силу с (если принято)", DeclareButton: "Объявить итоги",
		InForce: "Редакция вступает в силу с", LogRecord: "запись журнала", NotYetReported: "ещё не сообщил", Totals: "Итоги",
		Field: [referendum.NumFields]string{"Избирателей в списке", "Получено бюллетеней", "Выдано бюллетеней", "Погашено бюллетеней",
			"Бюллетеней в ящиках", "Недействительных", "Да", "Нет", "Отмечены оба"},
	},
	i18n.KK: {
		Forensics: "Бақылаушыларға арналған статистика", ForensicsNote: "Белгі не маңызды тест хаттаманы тексеруге себеп, бұрмалаудың дәлелі емес.",
		IntegerPct: "Бүтін пайызды учаскелер (қатысу не «иә» үлесі)", Observed: "байқалды", Expected: "күтілді", Excess: "артығы",
		P999: "симуляциялардың 99,9-процентилі", LastDigits: "Соңғы цифрлар", Counts: "сан", Flags: "Белгіленген учаскелер",
		HighTurnout: "қатысу 95% және одан жоғары", ControlWarnings: "бақылау қатынастарының ескертулері", Repeat: "Өз компьютеріңізде қайталаңыз",
		Referendums: "Референдумдар", NoReferendums: "Референдум тағайындалған жоқ.", Question: "Сұрақ", Version: "Дауысқа салынған редакция",
		VoteDate: "Дауыс беру күні", Rules: "Ережелер", CountSoFar: "Санау (қорытынды жарияланбаған)", DeclaredOn: "Қорытынды жарияланды",
		Adopted: "Қабылданды", NotAdopted: "Қабылданбады", Valid: "Өтті", NotValid: "Өтпеді",
		Conditions: "Шарттар және олардың сандары", TurnoutCond: "Қатысу", MajorityCond: "Ел бойынша қатысушылар арасындағы «иә»",
		RegionsCond: "«Иә» басым өңірлер", Holds: "орындалды", Fails: "орындалмады",
		Registered: "Тізімдегі сайлаушылар", Participants: "Қатысушылар (жәшіктегі бюллетеньдер)", Yes: "Иә", No: "Жоқ",
		Both: "Екеуі де белгіленген (жарамды, есептелмейді)", Invalid: "Жарамсыз", Turnout: "Қатысу", YesShare: "«Иә» үлесі",
		PrecinctsReported: "Хабарлаған учаскелер", Covered: "Сол учаскелердегі сайлаушылар", Region: "Өңір", District: "Аудан",
		Precinct: "Учаске", Abroad: "шетелде", Regions: "Өңірлер", Districts: "Аудандар", Precincts: "Учаскелер",
		Protocol: "Хаттама", Revisions: "Редакциялар", Revision: "Редакция", Reason: "Түзету себебі",
		Warnings: "Ескертулер", NotReported: "көрсетілмеген", Downloads: "Жүктеп алу", Charts: "Графиктер",
		RegionsChart: "Өңірлер бойынша «иә» үлесі", ScatterChart: "Учаскелер бойынша қатысу мен «иә» үлесі",
		RegionsChartAlt: "Әр өңірдегі «иә» үлесінің бағандары; сол сандар жоғарыдағы кестеде.",
		ScatterChartAlt: "Учаскелердің қатысу (көлденең) мен «иә» үлесі (тік) бойынша тығыздығы; сандары жүктемелерде.",
		EnterProtocol:   "Учаскеңіздің хаттамасын енгізу", SendProtocol: "Хаттаманы жіберу",
		NotAccepted: "Хаттама қабылданбады", FixAndSend: "Ережелер атаған сандарды түзетіп, қайта жіберіңіз. Ештеңе сақталған жоқ.",
		AcceptedMsg: "Хаттама қабылданып, есептелді.", ReasonHint: "Жіберілген хаттаманы түзеткенде міндетті: қайта санау, қате, сот шешімі.",
		DeclareResult: "Қорытындыны жариялау", InForceFrom: "Күшіне енетін күн (қабылданса)", DeclareButton: "Қорытындыны жариялау",
		InForce: "Редакция күшіне енеді", LogRecord: "журнал жазбасы", NotYetReported: "әлі хабарламады", Totals: "Қорытынды",
		Field: [referendum.NumFields]string{"Тізімдегі сайлаушылар", "Алынған бюллетеньдер", "Берілген бюллетеньдер", "Жойылған бюллетеньдер",
			"Жәшіктегі бюллетеньдер", "Жарамсыз", "Иә", "Жоқ", "Екеуі де белгіленген"},
	},
}
