package web

import "atazan/i18n"

// commissionText is the wording of the commission's pages, per language.
// Templates reach it as .C; a field a template names that does not exist
// fails when the server starts (the templates execute in the tests).
type commissionText struct {
	Commission, Members, Amendments, Meetings, Conflicts, Draft            string
	Meeting, Stream, Documents, Agenda, CurrentItem, NoItem                string
	Attendance, Present, Quorum, NoQuorum, Presiding, Vote, Tally          string
	For, Against, Abstain, Needed, Adopted, NotAdopted, Redline            string
	Arrive, Leave, OpenMeeting, CloseMeeting, OpenItem, CloseItem          string
	OpenVote, CloseVote, AddItem, Question, Minutes, Live, Status, Viewers string
	YourVote, Position, Title                                              string
	Waiting, ToRedraft                                                     string
	FromConsultation, CommissionDecision                                   string // the comparative table's columns
}

var commissionTexts = map[i18n.Lang]*commissionText{
	i18n.EN: {
		Commission: "Constitutional commission", Members: "Members", Amendments: "Amendments", Meetings: "Meetings", Conflicts: "Conflicts on the agenda", Draft: "Working draft",
		Meeting: "Meeting", Stream: "Live broadcast", Documents: "Documents", Agenda: "Agenda", CurrentItem: "Current item", NoItem: "No item is open.",
		Attendance: "Attendance", Present: "present", Quorum: "Quorum", NoQuorum: "no quorum", Presiding: "Presiding", Vote: "Vote", Tally: "Tally",
		For: "For", Against: "Against", Abstain: "Abstain", Needed: "needed to adopt", Adopted: "Adopted", NotAdopted: "Not adopted", Redline: "Changes to the working draft",
		Arrive: "Register my presence", Leave: "Leave the meeting", OpenMeeting: "Open the meeting", CloseMeeting: "Close the meeting", OpenItem: "Open item", CloseItem: "Close the item",
		OpenVote: "Open the vote", CloseVote: "Close the vote", AddItem: "Add to the agenda", Question: "Question", Minutes: "Minutes", Live: "Updated live", Status: "Status", Viewers: "watching",
		YourVote: "Your vote", Position: "Position", Title: "Title",
		Waiting: "waiting for its vote", ToRedraft: "to be redrafted",
		FromConsultation: "Proposals from the consultation", CommissionDecision: "Commission's decision and vote",
	},
	i18n.RU: {
		Commission: "Конституционная комиссия", Members: "Члены", Amendments: "Поправки", Meetings: "Заседания", Conflicts: "Конфликты в повестке", Draft: "Рабочий проект",
		Meeting: "Заседание", Stream: "Трансляция", Documents: "Документы", Agenda: "Повестка", CurrentItem: "Текущий вопрос", NoItem: "Вопрос не открыт.",
		Attendance: "Присутствие", Present: "присутствуют", Quorum: "Кворум", NoQuorum: "нет кворума", Presiding: "Председательствует", Vote: "Голосование", Tally: "Итоги",
		For: "За", Against: "Против", Abstain: "Воздержался", Needed: "нужно для принятия", Adopted: "Принято", NotAdopted: "Не принято", Redline: "Изменения рабочего проекта",
		Arrive: "Отметить присутствие", Leave: "Покинуть заседание", OpenMeeting: "Открыть заседание", CloseMeeting: "Закрыть заседание", OpenItem: "Открыть вопрос", CloseItem: "Закрыть вопрос",
		OpenVote: "Открыть голосование", CloseVote: "Закрыть голосование", AddItem: "Внести в повестку", Question: "Вопрос", Minutes: "Протокол", Live: "Обновляется в реальном времени", Status: "Статус", Viewers: "смотрят",
		YourVote: "Ваш голос", Position: "Должность", Title: "Название",
		Waiting: "ожидает голосования", ToRedraft: "на доработке",
		FromConsultation: "Предложения обсуждения", CommissionDecision: "Решение комиссии и голосование",
	},
	i18n.KK: {
		Commission: "Конституциялық комиссия", Members: "Мүшелер", Amendments: "Түзетулер", Meetings: "Отырыстар", Conflicts: "Күн тәртібіндегі қайшылықтар", Draft: "Жұмыс жобасы",
		Meeting: "Отырыс", Stream: "Тікелей эфир", Documents: "Құжаттар", Agenda: "Күн тәртібі", CurrentItem: "Ағымдағы мәселе", NoItem: "Мәселе ашылмаған.",
		Attendance: "Қатысу", Present: "қатысуда", Quorum: "Кворум", NoQuorum: "кворум жоқ", Presiding: "Төрағалық етуші", Vote: "Дауыс беру", Tally: "Қорытынды",
		For: "Жақтайды", Against: "Қарсы", Abstain: "Қалыс", Needed: "қабылдау үшін қажет", Adopted: "Қабылданды", NotAdopted: "Қабылданбады", Redline: "Жұмыс жобасындағы өзгерістер",
		Arrive: "Қатысуымды тіркеу", Leave: "Отырыстан шығу", OpenMeeting: "Отырысты ашу", CloseMeeting: "Отырысты жабу", OpenItem: "Мәселені ашу", CloseItem: "Мәселені жабу",
		OpenVote: "Дауыс беруді ашу", CloseVote: "Дауыс беруді жабу", AddItem: "Күн тәртібіне енгізу", Question: "Сұрақ", Minutes: "Хаттама", Live: "Нақты уақытта жаңартылады", Status: "Мәртебе", Viewers: "көруде",
		YourVote: "Сіздің дауысыңыз", Position: "Лауазымы", Title: "Атауы",
		Waiting: "дауыс беруді күтуде", ToRedraft: "қайта пысықталады",
		FromConsultation: "Талқылау ұсыныстары", CommissionDecision: "Комиссияның шешімі және дауыс беру",
	},
}
