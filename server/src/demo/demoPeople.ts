/** The demo's people: Kazakh and Russian first names and surnames. */

const KAZAKH_MEN = [
  "Askar",
  "Yerlan",
  "Nurlan",
  "Daulet",
  "Bauyrzhan",
  "Serik",
  "Marat",
  "Azamat",
  "Timur",
  "Aibek",
  "Yerzhan",
  "Kanat",
  "Arman",
  "Dias",
  "Zhandos",
  "Olzhas",
  "Nursultan",
  "Almas",
  "Berik",
  "Dauren",
]
const KAZAKH_WOMEN = [
  "Aigerim",
  "Dana",
  "Aruzhan",
  "Gulnara",
  "Saule",
  "Madina",
  "Zhanar",
  "Aliya",
  "Dinara",
  "Assel",
]
const KAZAKH_SURNAMES = [
  "Nurlanov",
  "Bekov",
  "Seitkali",
  "Tulegenov",
  "Abenov",
  "Zhaksybekov",
  "Omarov",
  "Sadykov",
  "Kassymov",
  "Ibraimov",
  "Mukhametov",
  "Akhmetov",
  "Dzhaksybekov",
  "Bekmukhambetov",
  "Tokayev",
  "Utepov",
  "Karimov",
  "Serikbayev",
  "Zhumabekov",
  "Kenzhebayev",
]
const RUSSIAN_MEN = [
  "Sergey",
  "Alexey",
  "Dmitry",
  "Andrey",
  "Vladimir",
  "Nikolay",
  "Igor",
  "Pavel",
  "Viktor",
  "Yuri",
]
const RUSSIAN_WOMEN = ["Olga", "Natalia", "Elena", "Irina", "Tatiana"]
const RUSSIAN_SURNAMES = [
  "Ivanov",
  "Petrov",
  "Smirnov",
  "Kuznetsov",
  "Popov",
  "Volkov",
  "Sokolov",
  "Lebedev",
  "Kozlov",
  "Novikov",
  "Morozov",
  "Pavlov",
]

/** A Kazakh or Russian full name; surnames take the feminine ending for women. */
export const personName = (
  pick: <T>(items: ReadonlyArray<T>) => T,
  chance: (p: number) => boolean,
): string => {
  const kazakh = chance(0.7)
  const woman = chance(0.12)
  const first = pick(kazakh ? (woman ? KAZAKH_WOMEN : KAZAKH_MEN) : woman ? RUSSIAN_WOMEN : RUSSIAN_MEN)
  const surname = pick(kazakh ? KAZAKH_SURNAMES : RUSSIAN_SURNAMES)
  return `${first} ${woman && /(ov|ev|in)$/u.test(surname) ? `${surname}a` : surname}`
}
