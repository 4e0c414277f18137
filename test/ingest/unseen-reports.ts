import type { ReportSpec } from './report-pdf';

/**
 * Four reports of areas not among the 45, written as Ofsted writes them (the words are the
 * fixture's, the outline and the ways of wording it Ofsted's): two ICBs; an area whose title
 * the register writes differently, with a revisit; an area never inspected before; priority
 * actions in a "Responsible body" table. Each findings list is what the seed file must quote.
 */

const INCONSISTENT = [
  'The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and young people with special educational needs and/or disabilities (SEND). The local area partnership must work jointly to make improvements.',
  'The next full area SEND inspection will be within approximately three years.',
  'Ofsted and the Care Quality Commission (CQC) ask that the local area partnership updates and publishes its strategic plan based on the recommendations set out in this report.',
];

const experience = (area: string) => [
  `Children and young people with SEND in ${area} have mixed experiences of the support they receive. Many families say that once their child’s needs are identified, practitioners work well together to help them. However, too many wait too long for their needs to be assessed, and some parents and carers feel they have to fight to be heard.`,
  'Children and young people who attend specialist settings generally have their needs met well. Those in mainstream schools have more variable experiences, depending on the school they attend and the quality of the advice their teachers receive from specialist services.',
  'Young people are increasingly well prepared for adulthood. They benefit from supported internships and from advice on employment, independent living and health. Some young people with complex needs find the move to adult health services abrupt.',
];

export const WESTMORLAND_AND_FURNESS: ReportSpec = {
  area: 'Westmorland and Furness',
  front: ['Inspection dates: 3 to 7 February 2025', 'Dates of previous inspection: 18 to 22 March 2019'],
  outcome: INCONSISTENT,
  partnership: [
    'Westmorland and Furness Council, NHS Lancashire and South Cumbria Integrated Care Board (ICB) and NHS North East and North Cumbria ICB are responsible for the planning and commissioning of services for children and young people with SEND in Westmorland and Furness.',
    'On 1 April 2023, Cumbria County Council was replaced by two unitary authorities, Westmorland and Furness Council and Cumberland Council. The director of children’s services took up post in April 2023.',
    'The commissioning of health services changed across England in 2022. On 1 July 2022, the responsibility for health services in the area passed from NHS Morecambe Bay Clinical Commissioning Group (CCG) and NHS North Cumbria CCG to the two ICBs.',
  ],
  experience: experience('Westmorland and Furness'),
  strengths: [
    'Leaders across the partnership share an accurate understanding of the strengths and weaknesses of the local area. They have used the reorganisation of local government to rebuild services around the needs of families. Parents and carers are increasingly involved in shaping these changes through the parent carer forum.',
    'Early years practitioners identify children’s needs quickly. Health visitors, nursery staff and the early years inclusion team work closely together, so that children receive the right help before they start school.',
    'The specialist teaching service provides valued advice to schools. Special educational needs coordinators (SENCos) say that the training and consultations they receive help them to adapt the curriculum for pupils with SEND.',
    'Young people with SEND benefit from a strong careers offer. Supported internships and the work of the preparing for adulthood team help many young people into employment, training or further education.',
    'The short breaks offer has been extended in rural areas. Families in remote communities now have better access to activities in the school holidays, which gives children new experiences and parents and carers a rest.',
  ],
  weaknesses: [
    'Too many children and young people wait too long for an education, health and care (EHC) needs assessment. In 2024, fewer than half of new EHC plans were issued within the statutory 20 weeks. Parents and carers say that they are not kept informed while they wait.',
    'The quality of EHC plans is too variable. Some plans do not describe children’s needs precisely or set out the provision that will meet them. Health and social care advice is often missing or out of date, so plans do not give a full picture of the child.',
    'Waiting times for assessments of autism and attention deficit hyperactivity disorder (ADHD) are too long in both ICB areas. Children in the south of the area wait longer than those in the north because pathways differ between the two ICBs. Families receive little support while they wait, and some children’s needs escalate as a result.',
    'Leaders do not make enough use of data to check the impact of their work. Information is not shared routinely between education, health and social care, so leaders cannot see clearly where services are making a difference and where they are not.',
    'Too many children and young people with SEND are not in school full time. The use of part-time timetables is not monitored closely enough, and some children miss a significant amount of education while they wait for a suitable placement.',
    'The local offer is not used well by families. Many parents and carers do not know it exists, and those who use it find that information about services is hard to find and sometimes out of date.',
  ],
  improvements: [
    { text: 'Leaders across the partnership should improve the timeliness and quality of EHC plans, so that they accurately capture children’s and young people’s needs and the provision that will meet them, with timely contributions from health and social care.' },
    { text: 'Leaders in both ICBs should work with the local authority to reduce waiting times for neurodevelopmental assessments and make pathways consistent across the area, with support for families while they wait.' },
    { text: 'Leaders should develop their use of shared data, so that they understand the impact of their work on the experiences and outcomes of children and young people with SEND.' },
    { text: 'The local authority should strengthen its oversight of part-time timetables and of children missing education, so that all children and young people with SEND receive their full entitlement to education.' },
  ],
  createdOn: '2025-03-20',
};

export const HULL: ReportSpec = {
  area: 'Hull',
  front: ['Inspection dates: 20 to 24 November 2023', 'Dates of previous inspection: 9 to 13 October 2017', 'Date of previous revisit: 15 to 17 October 2019'],
  outcome: INCONSISTENT,
  partnership: [
    'Hull City Council and NHS Humber and North Yorkshire Integrated Care Board (ICB) are jointly responsible for the planning and commissioning of services for children and young people with SEND in Hull.',
    'The commissioning of health services changed across England in 2022. On 1 July 2022, the responsibility for health services in Hull passed from NHS Hull Clinical Commissioning Group (CCG) to the NHS Humber and North Yorkshire ICB.',
  ],
  experience: experience('Hull'),
  strengths: [
    'Leaders have a clear and shared vision for children and young people with SEND. Since the revisit in 2019, they have strengthened governance, so that leaders from education, health and social care hold each other to account.',
    'The ‘Early Help’ offer supports families well. Family hubs bring practitioners together so that families can get help in one place, and children’s needs are often identified before they start school.',
    'Children and young people’s voices shape services. The youth forum has influenced the design of the local offer website and the training that professionals receive.',
    'Therapists work closely with schools. Speech and language therapy and occupational therapy are delivered in many schools, which means that children receive help in familiar surroundings.',
  ],
  weaknesses: [
    'Too many EHC plans are not reviewed in a timely way. Annual reviews are often late, and amendments take too long to be made, so plans do not reflect children’s current needs.',
    'Children and young people wait too long for specialist mental health support. Although the ‘waiting well’ offer helps some families, too many children’s needs become more serious while they wait.',
    'The number of specialist places has not kept pace with demand. Some children and young people with EHC plans wait for a suitable school place, and others travel long distances to placements outside the city.',
    'Transitions into adult health services are not planned early enough. Young people and their families are often unsure what will happen when they turn 18, and some experience gaps in their care.',
    'Not all schools identify and meet the needs of pupils receiving SEN support well enough. The quality of provision depends too much on the school a child attends.',
  ],
  improvements: [
    { text: 'Leaders should ensure that annual reviews of EHC plans take place on time and that plans are updated promptly to reflect children’s and young people’s changing needs.' },
    { text: 'The ICB should work with partners to reduce waiting times for specialist mental health services and to strengthen support for children and families while they wait.' },
    { text: 'Leaders should increase the number of specialist places in the city, so that children and young people can attend a suitable school close to home.' },
  ],
  createdOn: '2024-01-25',
  layout: { headingSize: 20, footerY: 66, breakInsideWeakness: 2 },
};

export const SOMERSET: ReportSpec = {
  area: 'Somerset',
  front: ['Inspection dates: 30 September to 4 October 2024', 'Date of previous inspection: Not previously inspected'],
  outcome: [
    'The local area partnership’s special educational needs and/or disabilities (SEND) arrangements typically lead to positive experiences and outcomes for children and young people with SEND. The local area partnership is taking action where improvements are needed.',
    'The next full area SEND inspection will be within approximately five years.',
  ],
  partnership: [
    'Somerset Council and NHS Somerset Integrated Care Board (ICB) are jointly responsible for the planning and commissioning of services for children and young people with SEND in Somerset. Somerset Council became a unitary authority on 1 April 2023.',
    'The commissioning of health services changed across England in 2022. On 1 July 2022, the responsibility for health services in Somerset passed from NHS Somerset Clinical Commissioning Group (CCG) to NHS Somerset ICB.',
  ],
  experience: experience('Somerset'),
  strengths: [
    'Children’s needs are identified early. The ‘Early Years Inclusion’ service works with nurseries and childminders to identify needs and to plan support, so that most children are ready to start school.',
    'The quality of new EHC plans has improved. Plans describe children’s needs and aspirations well, and the provision set out in them is specific. Health and social care advice is timely and of good quality.',
    'Leaders have a well-developed strategy for inclusion. Schools are supported by outreach teams from special schools, which helps many pupils with complex needs to succeed in mainstream settings.',
    'Young people with SEND are prepared well for adult life. Colleges and employers work with the partnership to provide a wide range of pathways, including supported internships and apprenticeships.',
    'The parent carer forum is an equal partner in the work of the partnership. Parents and carers’ views have shaped the short breaks offer and the local offer website.',
  ],
  weaknesses: [
    'Waiting times for some therapy services remain too long. Children and young people who need occupational therapy wait longer than they should, although leaders have recently commissioned additional capacity.',
    'The number of children and young people with SEND who are suspended from school is too high. Leaders know this and have started work with schools, but it is too early to see its impact.',
    'Home-to-school transport arrangements do not always meet children’s needs. Some children experience long journeys, and some parents and carers report that changes are made at short notice.',
  ],
  improvements: [
    { text: 'Leaders in the ICB should continue their work to reduce waiting times for occupational therapy, and monitor the impact of the additional capacity they have commissioned.' },
    { text: 'Leaders should work with schools to reduce the number of suspensions of children and young people with SEND.' },
  ],
  createdOn: '2024-11-18',
  layout: { breakInsideWeakness: 1 },
};

export const KENT: ReportSpec = {
  area: 'Kent',
  front: ['Inspection dates: 27 to 31 January 2025', 'Dates of previous inspection: 28 January to 1 February 2019'],
  outcome: [
    'There are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with special educational needs and/or disabilities (SEND), which the local area partnership must address urgently.',
    'A monitoring inspection will be carried out within approximately 18 months. The next full reinspection will be within approximately three years.',
    'As a result of this inspection, His Majesty’s Chief Inspector requires the local area partnership to prepare and submit a priority action plan (area SEND) to address the identified areas for priority action.',
  ],
  partnership: [
    'Kent County Council and NHS Kent & Medway Integrated Care Board (ICB) are jointly responsible for the planning and commissioning of services for children and young people with SEND in Kent.',
    'The commissioning of health services changed across England in 2022. On 1 July 2022, the responsibility for health services in Kent passed from NHS Kent and Medway Clinical Commissioning Group (CCG) to NHS Kent and Medway ICB.',
  ],
  experience: experience('Kent'),
  strengths: [
    'Leaders have recently agreed a new SEND strategy with the parent carer forum. Parents and carers say that they are beginning to see improvements in communication.',
    'The community paediatric service has reduced its waiting list. Children referred to the service are now seen more quickly than at the time of the previous inspection.',
    'Special schools in Kent provide a high quality of education. Pupils who attend them achieve well and are prepared for their next steps.',
  ],
  weaknesses: [
    'Too many children and young people with SEND are excluded, or are educated on part-time timetables, or are missing from education. Leaders do not know enough about these children, and too many of them do not receive the help they need.',
    'The quality of EHC plans is poor. Many plans are generic and do not identify children’s needs accurately. Health and social care advice is frequently missing, and plans are not updated when children’s needs change.',
    'Leaders have not acted quickly enough on the weaknesses identified at the previous inspection and revisit. Governance arrangements are not effective, and leaders across the partnership do not hold each other to account.',
    'Families have lost confidence in the local area partnership. Many parents and carers describe having to battle to get support for their children, and the number of appeals to the SEND tribunal is high.',
    'Waiting times for neurodevelopmental assessments are very long. Some children wait more than two years for an assessment of autism, and families receive little support in the meantime.',
    'The local area partnership’s ‘inclusion’ strategy is not understood by schools. Mainstream schools do not receive enough support to meet the needs of pupils with SEND, which leads to an increasing reliance on specialist placements.',
  ],
  priorityActions: [
    {
      responsible: 'Kent County Council and NHS Kent and Medway Integrated Care Board',
      text: 'Leaders should act urgently to establish effective governance and strategic leadership, so that leaders across education, health and social care work together and hold each other to account for improving the experiences and outcomes of children and young people with SEND.',
    },
    {
      responsible: 'Kent County Council',
      text: 'Leaders should urgently improve the quality and timeliness of EHC plans, so that plans accurately identify children’s needs and the provision that will meet them.',
    },
  ],
  improvements: [
    { text: 'Leaders should improve their oversight of children and young people with SEND who are excluded, on part-time timetables or missing education.' },
    { text: 'The ICB should reduce waiting times for neurodevelopmental assessments and provide support for families while they wait.' },
    { text: 'Leaders should improve communication with parents and carers, so that families understand how to get help and are involved in decisions about their children.' },
  ],
  createdOn: '2025-03-04',
  layout: { bulletIndent: 30, breakInsideWeakness: 4 },
};
