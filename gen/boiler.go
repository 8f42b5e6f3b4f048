package gen

// Boilerplate banks. Each kind of boilerplate is assembled from parts
// (address × addressee × ending, intensifier × request × object × tail …),
// so the stock sentences that recur across different ideas are many, not a
// short list a cleaner could strip in advance.

// person is a name as it is written in each language.
type person struct{ first, last tri }

// firstNames: women's names first, up to femaleNames.
const femaleNames = 10

var firstNames = []tri{
	{"Aigerim", "Айгерим", "Айгерім"}, {"Gulnara", "Гульнара", "Гүлнар"}, {"Saule", "Сауле", "Сәуле"}, {"Aliya", "Алия", "Әлия"},
	{"Zhanar", "Жанар", "Жанар"}, {"Dinara", "Динара", "Динара"}, {"Olga", "Ольга", "Ольга"}, {"Madina", "Мадина", "Мәдина"},
	{"Ainur", "Айнур", "Айнұр"}, {"Botagoz", "Ботагоз", "Ботагөз"},
	{"Yerlan", "Ерлан", "Ерлан"}, {"Nurlan", "Нурлан", "Нұрлан"}, {"Daniyar", "Данияр", "Данияр"}, {"Bolat", "Болат", "Болат"},
	{"Askar", "Аскар", "Асқар"}, {"Timur", "Тимур", "Темір"}, {"Sergei", "Сергей", "Сергей"}, {"Ruslan", "Руслан", "Руслан"},
	{"Kairat", "Кайрат", "Қайрат"}, {"Serik", "Серик", "Серік"},
}

// lastNames in the masculine form; feminine adds -a/-а to -ov, -ev, -in.
var lastNames = []tri{
	{"Akhmetov", "Ахметов", "Ахметов"}, {"Seitkali", "Сейткали", "Сейітқали"}, {"Omarov", "Омаров", "Омаров"}, {"Zhunusov", "Жунусов", "Жүнісов"},
	{"Ivanov", "Иванов", "Иванов"}, {"Beisenbayev", "Бейсенбаев", "Бейсенбаев"}, {"Kurmangali", "Курмангали", "Құрманғали"}, {"Tulegenov", "Тулегенов", "Төлегенов"},
	{"Sadykov", "Садыков", "Сәдіқов"}, {"Nurpeisov", "Нурпеисов", "Нұрпейісов"}, {"Abenov", "Абенов", "Әбенов"}, {"Petrenko", "Петренко", "Петренко"},
	{"Iskakov", "Искаков", "Ысқақов"}, {"Mukhamedzhan", "Мухамеджан", "Мұхамеджан"}, {"Karimov", "Каримов", "Кәрімов"}, {"Ospanov", "Оспанов", "Оспанов"},
}

var villages = []tri{
	{"Akzhar", "Акжар", "Ақжар"}, {"Kyzylzhar", "Кызылжар", "Қызылжар"}, {"Beskaragai", "Бескарагай", "Бесқарағай"}, {"Saryozek", "Сарыозек", "Сарыөзек"},
	{"Zhanaaul", "Жанаауыл", "Жаңаауыл"}, {"Kokzhiek", "Кокжиек", "Көкжиек"}, {"Taldybulak", "Талдыбулак", "Талдыбұлақ"}, {"Shubarkol", "Шубарколь", "Шұбаркөл"},
	{"Aktogai", "Актогай", "Ақтоғай"}, {"Karabulak", "Карабулак", "Қарабұлақ"}, {"Usharal", "Ушарал", "Үшарал"}, {"Terekty", "Теректы", "Теректі"},
	{"Birlik", "Бирлик", "Бірлік"}, {"Enbek", "Енбек", "Еңбек"}, {"Zhanaturmys", "Жанатурмыс", "Жаңатұрмыс"}, {"Koktal", "Коктал", "Көктал"},
	{"Ortaaul", "Ортаауыл", "Ортаауыл"}, {"Kumkol", "Кумколь", "Құмкөл"},
}

// districts: the ru form is the genitive adjective that precedes "района".
var districts = []tri{
	{"Aksu", "Аксуского", "Ақсу"}, {"Kokpekty", "Кокпектинского", "Көкпекті"}, {"Zhanakala", "Жанакалинского", "Жаңақала"}, {"Talgar", "Талгарского", "Талғар"},
	{"Shiely", "Шиелийского", "Шиелі"}, {"Ayagoz", "Аягозского", "Аягөз"}, {"Karatal", "Каратальского", "Қаратал"}, {"Ulytau", "Улытауского", "Ұлытау"},
}

// professions: en with article, ru nominative and instrumental ("работаю учителем"), kk.
type profession struct{ en, ruNom, ruIns, kk string }

var professions = []profession{
	{"a teacher", "учитель", "учителем", "мұғалім"}, {"a doctor", "врач", "врачом", "дәрігер"}, {"a nurse", "медсестра", "медсестрой", "мейірбике"},
	{"a farmer", "фермер", "фермером", "фермер"}, {"an engineer", "инженер", "инженером", "инженер"}, {"a driver", "водитель", "водителем", "жүргізуші"},
	{"an accountant", "бухгалтер", "бухгалтером", "бухгалтер"}, {"a lawyer", "юрист", "юристом", "заңгер"}, {"a veterinarian", "ветеринар", "ветеринаром", "мал дәрігері"},
	{"a librarian", "библиотекарь", "библиотекарем", "кітапханашы"}, {"a miner", "шахтер", "шахтером", "кенші"}, {"a small business owner", "предприниматель", "предпринимателем", "кәсіпкер"},
	{"an electrician", "электрик", "электриком", "электрик"}, {"a kindergarten teacher", "воспитатель", "воспитателем", "тәрбиеші"}, {"a social worker", "социальный работник", "социальным работником", "әлеуметтік қызметкер"},
}

var greetAddress = []tri{{"Dear", "Уважаемые", "Құрметті"}, {"Respected", "Многоуважаемые", "Қадірлі"}, {"Esteemed", "Дорогие", "Ардақты"}}
var greetWhom = []tri{
	{"members of the Constitutional Commission", "члены Конституционной комиссии", "Конституциялық комиссия мүшелері"},
	{"members of the working group", "члены рабочей группы", "жұмыс тобының мүшелері"},
	{"deputies", "депутаты", "депутаттар"},
	{"organisers of the public discussion", "организаторы общественного обсуждения", "қоғамдық талқылауды ұйымдастырушылар"},
	{"compatriots", "соотечественники", "отандастар"},
	{"colleagues", "коллеги", "әріптестер"},
}
var greetPlain = []tri{
	{"Hello.", "Здравствуйте!", "Сәлеметсіз бе!"}, {"Good afternoon!", "Добрый день!", "Қайырлы күн!"}, {"Good day to everyone who reads this.", "Доброго времени суток всем, кто это читает.", "Осыны оқып отырған барша жұртқа сәлем!"},
	{"Greetings.", "Приветствую.", "Армысыздар!"}, {"Hello to the commission.", "Здравствуйте, уважаемая комиссия.", "Ассалаумағалейкум!"},
}
var greetEnd = []string{"!", ",", "."}

// Author paragraph: sentences about the author's village and profession.
// Slots: {name} {prof} {village} {district} {years} {age} {pop}.
var authorSentences = [][3][]string{
	{ // who
		{"My name is {name}, I am {prof} from the village of {village} in {district} district.", "I am {prof} from {village}, {district} district.", "I am {prof}, {age} years old, and I live in {village}."},
		{"Меня зовут {name}, я {profN} из села {village} {district} района.", "Я {profN} из села {village} {district} района.", "Мне {age} лет, я {profN}, живу в селе {village}."},
		{"Менің атым – {name}, мен {district} ауданы {village} ауылының {prof} боламын.", "Мен {district} ауданы {village} ауылынан шыққан {prof} боламын.", "Жасым – {age}, {village} ауылында тұрамын, мамандығым – {prof}."},
	},
	{ // experience
		{"I have worked as {prof} for {years} years.", "For {years} years I have worked in our village.", "I have {years} years of work experience behind me."},
		{"Работаю {profI} уже {years} лет.", "Уже {years} лет я работаю в нашем селе.", "За плечами у меня {years} лет стажа."},
		{"{years} жылдан бері {prof} болып жұмыс істеймін.", "Ауылымызда {years} жыл еңбек етіп келемін.", "Еңбек өтілім {years} жыл."},
	},
	{ // village
		{"About {pop} people live in our village.", "Our village {village} is small, but people here care about the future.", "In {village} there is one school, one clinic and a lot of problems."},
		{"В нашем селе живет около {pop} человек.", "Наше село {village} небольшое, но люди здесь переживают за будущее.", "В селе {village} одна школа, одна амбулатория и много проблем."},
		{"Біздің ауылда шамамен {pop} адам тұрады.", "{village} ауылы шағын болса да, мұндағы адамдар болашаққа алаңдайды.", "{village} ауылында бір мектеп, бір дәрігерлік амбулатория және көп мәселе бар."},
	},
	{ // why I write
		{"I have read the draft carefully together with my neighbours.", "I have never written to state bodies before, but this question is too important.", "I followed the discussion of the draft on television and on the internet."},
		{"Я внимательно прочитал{a} проект вместе с соседями.", "Раньше я никогда не писал{a} в государственные органы, но этот вопрос слишком важен.", "Я следил{a} за обсуждением проекта по телевизору и в интернете."},
		{"Жобаны көршілеріммен бірге мұқият оқып шықтым.", "Бұрын мемлекеттік органдарға ешқашан жазған емеспін, бірақ бұл мәселе тым маңызды.", "Жобаның талқылануын теледидардан және интернеттен бақылап отырдым."},
	},
}

// Openings by kind. Slots: {ref} in the case named after the colon,
// e.g. {acc}, {gen}, {nom}, {Nom} (capitalised), {dat}, {loc}, {abl}.
var openings = map[string][3][]string{
	"amend": {
		{"I propose to set out {ref} as follows:", "I propose the following wording of {ref}:", "{Ref} should read as follows:", "I suggest amending {ref} to read:",
			"Please change {ref} to the following:", "My proposal concerns {ref}. It should be worded as follows:", "I believe {ref} needs a new wording:", "It is necessary to change the text of {ref} as follows:"},
		{"Предлагаю изложить {acc} в следующей редакции:", "Предлагаю следующую редакцию {gen}:", "{Nom} изложить так:", "Прошу изменить {acc} и изложить в следующей редакции:",
			"Мое предложение касается {gen}. Предлагаемая редакция:", "Считаю необходимым изложить {acc} в новой редакции:", "Предлагаю внести изменения в {acc}, изложив так:", "Текст {gen} нужно изменить следующим образом:"},
		{"{Acc} мынадай редакцияда жазуды ұсынамын:", "{Acc} келесі редакцияда баяндауды ұсынамын:", "Менің ұсынысым {dat} қатысты. Ұсынылатын редакция:", "{Nom} былай жазылсын:",
			"{Acc} өзгертіп, былай жазу қажет деп санаймын:", "{Gen} мәтінін төмендегідей өзгертуді сұраймын:", "{Dat} мынадай өзгеріс енгізуді ұсынамын:", "{Nom} жаңа редакцияда берілуі керек:"},
	},
	"insert_after": {
		{"I propose to add a new provision after {ref}:", "After {ref}, insert the following:", "{Ref} should be followed by a new provision reading:", "I suggest supplementing the draft after {ref} with the following norm:"},
		{"Предлагаю после {gen} дополнить новой нормой следующего содержания:", "Дополнить после {gen} положением:", "После {gen} добавить новую норму:", "Прошу дополнить проект после {gen} следующим текстом:"},
		{"{Abl} кейін мынадай мазмұндағы жаңа норманы қосуды ұсынамын:", "{Abl} кейін мына ережені қосу керек:", "{Abl} соң жаңа норма қосылсын:", "Жобаны {abl} кейін мынадай мәтінмен толықтыруды сұраймын:"},
	},
	"delete": {
		{"I propose to delete {ref}.", "{Ref} should be removed from the draft.", "I am against {ref} and propose to exclude it.", "Please exclude {ref} from the draft."},
		{"Предлагаю исключить {acc}.", "{Nom} из проекта следует исключить.", "Прошу исключить из проекта {acc}.", "Я против {gen} в нынешнем виде и предлагаю исключить эту норму."},
		{"{Acc} алып тастауды ұсынамын.", "{Nom} жобадан алынып тасталсын.", "{Acc} жобадан алып тастауды сұраймын.", "{Dat} қарсымын, оны алып тастау керек."},
	},
	"comment": {
		{"Regarding {ref}:", "I have a remark on {ref}.", "About {ref}, I want to say the following.", "A comment on {ref}."},
		{"Относительно {gen}:", "Мое замечание касается {gen}.", "По поводу {gen} хочу сказать следующее.", "Замечание по тексту {gen}."},
		{"{Dat} қатысты:", "{Dat} қатысты ескертпем бар.", "{Dat} қатысты мынаны айтқым келеді.", "{Gen} мәтіні бойынша пікірім."},
	},
}

// Lead-ins before the norm for kinds whose opening does not end in a colon.
var normLead = map[string]tri{
	"delete":  {"Instead, the Constitution should say:", "Вместо этого следует закрепить:", "Оның орнына былай бекіту керек:"},
	"comment": {"In my opinion, it should say:", "Считаю, что там должно быть сказано:", "Менің ойымша, онда былай жазылуы керек:"},
}

// Generic reasons that fit any idea; used in the text and the rationale.
var genericWhy = []tri{
	{"This will strengthen trust between citizens and the state.", "Это укрепит доверие между гражданами и государством.", "Бұл азаматтар мен мемлекет арасындағы сенімді нығайтады."},
	{"The current wording is too vague and allows different interpretations.", "Нынешняя формулировка слишком размыта и допускает разные толкования.", "Қазіргі тұжырым тым бұлыңғыр, әртүрлі түсіндіруге жол береді."},
	{"I have discussed this with my neighbours, and they agree with me.", "Я обсуждал{a} это с соседями, и они со мной согласны.", "Мен бұны көршілеріммен талқыладым, олар менімен келіседі."},
	{"Similar norms exist in the constitutions of many countries.", "Подобные нормы есть в конституциях многих стран.", "Осындай нормалар көптеген елдердің конституцияларында бар."},
	{"The draft does not reflect the real problems of ordinary people.", "Проект не отражает реальных проблем простых людей.", "Жоба қарапайым адамдардың нақты мәселелерін көрсетпейді."},
	{"This proposal does not require large expenses from the budget.", "Это предложение не требует больших расходов из бюджета.", "Бұл ұсыныс бюджеттен үлкен шығынды қажет етпейді."},
	{"Laws change often, so this must be fixed in the Constitution itself.", "Законы меняются часто, поэтому это нужно закрепить в самой Конституции.", "Заңдар жиі өзгереді, сондықтан мұны Конституцияның өзінде бекіту керек."},
	{"Young people are leaving the villages because of such problems.", "Из-за таких проблем молодежь уезжает из сел.", "Осындай мәселелер салдарынан жастар ауылдан көшіп жатыр."},
	{"Many of my colleagues think the same.", "Многие мои коллеги думают так же.", "Әріптестерімнің көбі де солай ойлайды."},
	{"Otherwise the norm will remain a mere declaration.", "Иначе норма останется простой декларацией.", "Әйтпесе бұл норма жай ғана декларация болып қалады."},
	{"The words of the Constitution must be clear to every citizen.", "Слова Конституции должны быть понятны каждому гражданину.", "Конституцияның сөздері әрбір азаматқа түсінікті болуы керек."},
	{"We have been waiting for such a change for many years.", "Мы ждем такого изменения уже много лет.", "Біз мұндай өзгерісті көп жылдан бері күтіп келеміз."},
	{"I am sure that most residents of our region will support this.", "Уверен{a}, что большинство жителей нашей области это поддержат.", "Облысымыздың тұрғындарының көпшілігі мұны қолдайтынына сенімдімін."},
	{"It is better to write this clearly now than to argue about it later in court.", "Лучше прописать это четко сейчас, чем потом спорить в суде.", "Мұны кейін сотта дауласқанша, қазір анық жазып қойған дұрыс."},
}

var connectors = []tri{{"In addition,", "Кроме того,", "Сонымен қатар,"}, {"Moreover,", "Более того,", "Оның үстіне,"}, {"Besides,", "К тому же,", "Бұған қоса,"}, {"Also,", "Также", "Сондай-ақ"}, {"Finally,", "И наконец,", "Соңында,"}}

// Community problems, for long letters: "{In our village} {problem}".
var problemPlace = []tri{{"In our village", "В нашем селе", "Біздің ауылда"}, {"In our district", "В нашем районе", "Біздің ауданда"}, {"In the neighbouring villages", "В соседних селах", "Көрші ауылдарда"}, {"Where I live", "Там, где я живу", "Мен тұратын жерде"}}
var problems = []tri{
	{"the road has not been repaired for fifteen years.", "дорогу не ремонтировали пятнадцать лет.", "жол он бес жылдан бері жөнделмеген."},
	{"there is no clean drinking water in summer.", "летом нет чистой питьевой воды.", "жазда таза ауыз су жоқ."},
	{"the school lacks teachers of physics and mathematics.", "в школе не хватает учителей физики и математики.", "мектепте физика мен математика мұғалімдері жетіспейді."},
	{"people have to travel eighty kilometres to see a doctor.", "чтобы попасть к врачу, людям приходится ехать восемьдесят километров.", "дәрігерге бару үшін адамдар сексен шақырым жол жүруге мәжбүр."},
	{"the internet works only near the akimat building.", "интернет работает только возле здания акимата.", "интернет тек әкімдік ғимаратының жанында ғана істейді."},
	{"pastures were given to one large farm, and people sold their cattle.", "пастбища отдали одному крупному хозяйству, и люди продали скот.", "жайылымдар бір ірі шаруашылыққа берілді, адамдар малын сатып жіберді."},
	{"young families cannot get land for a house.", "молодые семьи не могут получить землю под дом.", "жас отбасылар үй салуға жер ала алмайды."},
	{"the akim does not answer letters from residents.", "аким не отвечает на письма жителей.", "әкім тұрғындардың хаттарына жауап бермейді."},
	{"the club was closed and children have nowhere to go.", "клуб закрыли, и детям некуда пойти.", "клуб жабылып, балалардың баратын жері жоқ."},
	{"the river dries up every year because of dams upstream.", "река каждый год пересыхает из-за плотин выше по течению.", "өзеннің жоғарғы ағысындағы бөгеттер салдарынан ол жыл сайын тартылып қалады."},
}

// Stock requests: [intensifier] request [object] [tail] end.
var stockIntens = [3][]string{{"", "I kindly ", "I earnestly ", "I sincerely "}, {"", "Очень ", "Убедительно ", "Настоятельно ", "Еще раз "}, {"", "Шын жүректен ", "Тағы да ", "Қайталап "}}
var stockCore = [3][]string{
	{"ask you to take this into account", "ask you to consider my proposal", "ask you to support this change", "ask you not to leave this without attention", "hope that my voice will be heard"},
	{"прошу учесть", "прошу рассмотреть мое предложение", "прошу поддержать данное изменение", "прошу не оставить без внимания", "надеюсь, что мой голос будет услышан"},
	{"ескеруіңізді сұраймын", "ұсынысымды қарауыңызды сұраймын", "осы өзгерісті қолдауыңызды өтінемін", "назардан тыс қалдырмауыңызды сұраймын", "дауысым естіледі деп үміттенемін"},
}
var stockTail = [3][]string{
	{"", " when preparing the final text", " in the final version of the Constitution", " at the next meeting of the commission"},
	{"", " при подготовке окончательного текста", " в окончательной редакции Конституции", " на ближайшем заседании комиссии"},
	{"", "", "", ""}, // Kazakh puts the circumstance first; see stockKKPre
}
var stockKKPre = []string{"", "Түпкілікті мәтінді дайындау кезінде ", "Конституцияның соңғы редакциясында ", "Комиссияның келесі отырысында "}
var stockEnd = []string{".", "!", ".", "."}
var thanks = []tri{{"Thank you for your attention.", "Спасибо за внимание.", "Назарларыңызға рахмет."}, {"Thank you in advance.", "Заранее благодарю.", "Алдын ала рахмет."}, {"Thank you for the opportunity to take part.", "Спасибо за возможность участвовать.", "Қатысуға мүмкіндік бергендеріңізге рахмет."}}

// Sign-offs. Slots {name}, {village}.
var signoffs = [3][]string{
	{"Respectfully, {name}.", "With respect, {name}", "Sincerely, a resident of {village}.", "Best regards, {name}, {village}.", "{name}", "Respectfully yours, a citizen of Altyndala."},
	{"С уважением, {name}.", "С уважением, {name}", "{resident} села {village}.", "С уважением и надеждой на понимание, {name}.", "{name}, с. {village}", "Гражданин Республики Алтындала."},
	{"Құрметпен, {name}.", "Құрметпен, {name}", "{village} ауылының тұрғыны.", "Ізгі тілекпен, {name}.", "{name}, {village} ауылы", "Алтындала Республикасының азаматы."},
}
